import { elasticsearchForbiddenMessage } from './elasticsearch_errors';

describe('elasticsearchForbiddenMessage', () => {
  it('explains a 403 from Elasticsearch, with its reason', () => {
    const error = Object.assign(new Error('security_exception'), {
      statusCode: 403,
      meta: {
        statusCode: 403,
        body: {
          error: { reason: 'action [indices:data/read/search] is unauthorized for user [u]' },
        },
      },
    });
    expect(elasticsearchForbiddenMessage(error)).toMatch(
      /index privilege "read" on metrics-go_runtime\.\*.*is unauthorized for user \[u\]$/
    );
  });

  it('leaves every other error to the router', () => {
    expect(
      elasticsearchForbiddenMessage(Object.assign(new Error('x'), { statusCode: 500 }))
    ).toBeUndefined();
    expect(elasticsearchForbiddenMessage(new Error('connection refused'))).toBeUndefined();
    expect(elasticsearchForbiddenMessage(undefined)).toBeUndefined();
  });
});
