import { SandboxClock } from '../../../sandbox/clock';
import { parseJson, Router } from '../../../sandbox/http';

describe('sandbox router', () => {
  const r = new Router<null>().add('GET', '/rest/api/3/issue/:key', () => ({ status: 200 })).add('PUT', '/rest/api/3/issue/:key', () => ({ status: 204 }));
  it('matches path parameters, decoded', () => {
    const m = r.match('GET', '/rest/api/3/issue/SD%2D1');
    expect(m && 'params' in m ? m.params : null).toEqual({ key: 'SD-1' });
  });
  it('tells which methods a known path allows, for a 405', () => {
    expect(r.match('DELETE', '/rest/api/3/issue/SD-1')).toEqual({ allowed: ['GET', 'PUT'] });
    expect(r.match('GET', '/rest/api/3/nothing')).toBeNull();
  });
  it('refuses malformed JSON as a Jira 400', () => {
    expect(() => parseJson('{"fields": ')).toThrow(expect.objectContaining({ status: 400 }) as unknown as Error);
  });
});

describe('sandbox clock', () => {
  it('starts where asked and only moves forward', () => {
    let real = 1_000;
    const clock = new SandboxClock(0, () => real);
    clock.set(Date.UTC(2026, 10, 20, 16, 30));
    real += 500;
    expect(clock.now()).toBe(Date.UTC(2026, 10, 20, 16, 30) + 500);
    clock.advance(4 * 3_600_000);
    expect(clock.now()).toBe(Date.UTC(2026, 10, 20, 20, 30) + 500);
    expect(() => clock.advance(-1)).toThrow('only moves forward');
  });
});
