import { retryUntilDone } from './retry_until_done';

describe('retryUntilDone', () => {
  it('shares one attempt, forgets a failure, remembers a success', async () => {
    let calls = 0;
    const job = retryUntilDone(async () => {
      calls++;
      if (calls === 1) throw new Error('Elasticsearch is down');
    });
    await expect(Promise.all([job(), job()])).rejects.toThrow('Elasticsearch is down');
    expect(calls).toBe(1);
    await job();
    await job();
    expect(calls).toBe(2);
  });
});
