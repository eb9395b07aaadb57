import type {
  ElasticsearchClient,
  ElasticsearchServiceStart,
  ScopeableRequest,
} from '@kbn/core/server';
import { documentWriterClient, writerAuthorization } from './document_writer';

describe('the identity that writes the scraped documents', () => {
  it('is an API key or a user when configured, Kibana itself otherwise', () => {
    expect(writerAuthorization({ apiKey: 'aWQ6a2V5' })).toBe('ApiKey aWQ6a2V5');
    expect(writerAuthorization({ username: 'writer', password: 'p:w' })).toBe(
      `Basic ${Buffer.from('writer:p:w').toString('base64')}`
    );
    expect(writerAuthorization(undefined)).toBeUndefined();
  });

  it('scopes the client to a request that carries only the writer credentials', () => {
    const internal = { name: 'internal' } as unknown as ElasticsearchClient;
    const scoped = { name: 'scoped' } as unknown as ElasticsearchClient;
    const requests: ScopeableRequest[] = [];
    const elasticsearch: ElasticsearchServiceStart = {
      client: {
        asInternalUser: internal,
        asScoped: (request) => (
          requests.push(request), { asInternalUser: internal, asCurrentUser: scoped }
        ),
      },
    };
    expect(documentWriterClient(elasticsearch, undefined)).toBe(internal);
    expect(documentWriterClient(elasticsearch, { apiKey: 'aWQ6a2V5' })).toBe(scoped);
    expect(requests).toEqual([{ headers: { authorization: 'ApiKey aWQ6a2V5' } }]);
  });
});
