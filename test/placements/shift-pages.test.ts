import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import { gunzipSync } from 'node:zlib';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';

const TZ = 'Europe/London';
const today = DateTime.now().setZone(TZ).startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;

interface ShiftItem {
  id: string;
  start: string;
  end: string;
  status: string;
}

// Issue 11: lists page in SQL with a cursor and say when more exist.
describe.each(databaseTargets())('GET /v1/shifts pages by cursor, on %s', (target) => {
  let ctx: TestContext;
  let shifts: ShiftItem[];
  beforeAll(async () => {
    ctx = await createTestContext(target, { solveInProcess: false });
    await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/north', { name: 'North' }), 201);
    // Twenty 24/7 placements over four weeks: 1,120 shifts, more than one default page of 1,000.
    for (let i = 0; i < 20; i++) {
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/placements', {
          caseReference: `CR-P${i}`,
          region: 'north',
          startDate: date(10),
          endDate: date(37),
        }),
        201,
      );
    }
    shifts = (await ctx.call('viewer', 'GET', `/v1/shifts?from=${date(10)}&to=${date(10)}&limit=40`)).json()
      .items;
  });
  afterAll(() => ctx?.close());

  async function walk(url: string): Promise<{ items: ShiftItem[]; pages: number; totals: Set<number> }> {
    const items: ShiftItem[] = [];
    const totals = new Set<number>();
    let next: string | null = url;
    let pages = 0;
    while (next) {
      const res = await expectStatus(ctx.call('viewer', 'GET', next), 200);
      const body = res.json();
      items.push(...body.items);
      totals.add(body.total);
      pages++;
      const link = res.headers.link as string | undefined;
      if (body.next === null) expect(link).toBeUndefined();
      else expect(link).toMatch(/^<\/v1\/shifts\?.*cursor=.*>; rel="next"$/);
      next = body.next === null ? null : link!.slice(1, link!.indexOf('>'));
    }
    return { items, pages, totals };
  }

  it('says that more exist beyond the first 1,000 of four weeks of 1,120 shifts, and the next page has the rest', async () => {
    const first = await expectStatus(
      ctx.call('viewer', 'GET', `/v1/shifts?from=${date(10)}&to=${date(37)}`),
      200,
    );
    const body = first.json();
    expect(body.items).toHaveLength(1000);
    expect(body.total).toBe(1120);
    expect(body.next).toEqual(expect.any(String));
    expect(first.headers.link).toContain('rel="next"');
    const rest = (
      await expectStatus(
        ctx.call(
          'viewer',
          'GET',
          `/v1/shifts?from=${date(10)}&to=${date(37)}&cursor=${encodeURIComponent(body.next)}`,
        ),
        200,
      )
    ).json();
    expect(rest.items).toHaveLength(120);
    expect(rest.next).toBeNull();
    const ids = new Set([...body.items, ...rest.items].map((s: ShiftItem) => s.id));
    expect(ids.size).toBe(1120);
  });

  it('keeps a status filter true across page boundaries, parts of shifts included', async () => {
    const [whole, halves, half, sickOff] = shifts as [ShiftItem, ShiftItem, ShiftItem, ShiftItem];
    const people: string[] = [];
    for (const name of ['Alex Morgan', 'Sam Lee', 'Jo Patel']) {
      people.push(
        (
          await expectStatus(
            ctx.call('admin', 'POST', '/v1/practitioners', { name, kind: 'parenting', homeRegion: 'north' }),
            201,
          )
        ).json().id,
      );
    }
    const [alex, sam, jo] = people as [string, string, string];
    const mid = (s: ShiftItem) => new Date((Date.parse(s.start) + Date.parse(s.end)) / 2).toISOString();
    const put = (shift: string, who: string, from: string, to: string) =>
      sql`INSERT INTO shift_assignments (shift_id, practitioner_id, period, source)
          VALUES (${shift}, ${who}, tstzrange(${from}::timestamptz, ${to}::timestamptz), 'manual')`.execute(
        ctx.database.db,
      );
    await put(whole.id, alex, whole.start, whole.end); // covered
    await put(halves.id, sam, halves.start, mid(halves)); // covered, in two parts
    await put(halves.id, jo, mid(halves), halves.end);
    await put(half.id, jo, half.start, mid(half)); // short from the middle: unfilled
    await sql`INSERT INTO shift_uncoverings (shift_id, practitioner_id) VALUES (${sickOff.id}, ${sam})`.execute(
      ctx.database.db,
    ); // short, someone taken off by an absence: uncovered

    const period = `from=${date(10)}&to=${date(37)}`;
    const covered = await walk(`/v1/shifts?${period}&status=covered&limit=1`);
    expect(covered.items.map((s) => s.id).sort()).toEqual([whole.id, halves.id].sort());
    expect(covered.pages).toBe(2);
    const uncovered = await walk(`/v1/shifts?${period}&status=uncovered&limit=1`);
    expect(uncovered.items.map((s) => s.id)).toEqual([sickOff.id]);
    const unfilled = await walk(`/v1/shifts?${period}&status=unfilled&limit=300`);
    expect(unfilled.pages).toBe(4);
    expect(unfilled.totals).toEqual(new Set([1117]));
    expect(unfilled.items).toHaveLength(1117);
    expect(unfilled.items.every((s) => s.status === 'unfilled')).toBe(true);
    expect(unfilled.items.map((s) => s.id)).toContain(half.id);
    const starts = unfilled.items.map((s) => Date.parse(s.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    // Every page of every status, put together, is every shift once.
    expect(new Set([...covered.items, ...uncovered.items, ...unfilled.items].map((s) => s.id)).size).toBe(
      1120,
    );
  });

  it('answers a repeated read from one made answer that is never older than the last change', async () => {
    const url = `/v1/shifts?from=${date(12)}&to=${date(12)}`;
    const first = await expectStatus(ctx.call('viewer', 'GET', url), 200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    // The same answer again: 304 to a client that has it, gzipped to one that asks.
    await expectStatus(ctx.call('viewer', 'GET', url, undefined, { 'if-none-match': etag }), 304);
    const zipped = await expectStatus(
      ctx.call('viewer', 'GET', url, undefined, { 'accept-encoding': 'gzip' }),
      200,
    );
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString())).toEqual(first.json());
    // The gzipped bytes are another representation, with an ETag of their own.
    const zippedTag = zipped.headers.etag as string;
    expect(zippedTag).not.toBe(etag);
    const gzipAgain = { 'accept-encoding': 'gzip', 'if-none-match': zippedTag };
    await expectStatus(ctx.call('viewer', 'GET', url, undefined, gzipAgain), 304);

    // A change through the API is seen at once.
    const shift = first.json().items[0] as ShiftItem;
    await expectStatus(ctx.call('coordinator', 'POST', `/v1/shifts/${shift.id}/lock`), 200);
    const afterLock = await expectStatus(
      ctx.call('viewer', 'GET', url, undefined, { 'if-none-match': etag }),
      200,
    );
    expect(afterLock.json().items[0].locked).toBe(true);

    // So is one made by another process sharing the database (it leaves an audit entry, as every change does).
    await sql`UPDATE shifts SET locked = false WHERE id = ${shift.id}`.execute(ctx.database.db);
    await sql`INSERT INTO audit_log (actor_role, entity, entity_id, action) VALUES ('admin', 'shift', ${shift.id}, 'unlock')`.execute(
      ctx.database.db,
    );
    const afterOther = await expectStatus(ctx.call('viewer', 'GET', url), 200);
    expect(afterOther.json().items[0].locked).toBe(false);
  });

  it('streams four weeks of shifts.csv in batches, and /health/ready answers during the export', async () => {
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = ctx.app.server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    const res = await fetch(`${base}/v1/shifts.csv?from=${date(10)}&to=${date(37)}`, {
      headers: { authorization: `Bearer ${ctx.keys.viewer}` },
    });
    expect(res.status).toBe(200);
    // Streamed: no length known up front, the rows come in chunks.
    expect(res.headers.get('content-length')).toBeNull();
    const reader = res.body!.getReader();
    const first = await reader.read();
    const health = (async () => {
      const t = Date.now();
      const ready = await fetch(`${base}/health/ready`);
      return { status: ready.status, ms: Date.now() - t, at: Date.now() };
    })();
    const chunks = [Buffer.from(first.value!)];
    for (let next = await reader.read(); !next.done; next = await reader.read())
      chunks.push(Buffer.from(next.value));
    const exportDone = Date.now();
    const ready = await health;
    expect(ready.status).toBe(200);
    console.log(
      `[export] ${target}: shifts.csv of 1,120 shifts in ${exportDone - started} ms, ${chunks.length} chunks; /health/ready answered in ${ready.ms} ms during it`,
    );
    const lines = Buffer.concat(chunks).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^date,start,end,/);
    expect(lines).toHaveLength(1121);
    // The shift's id is the last column but one (the kind of shift comes last).
    expect(new Set(lines.slice(1).map((l) => l.split(',').at(-2))).size).toBe(1120);
  });

  it('refuses a cursor it did not give with 400 problem+json', async () => {
    for (const cursor of ['nonsense', Buffer.from('["x","y"]').toString('base64url')]) {
      const res = await ctx.call(
        'viewer',
        'GET',
        `/v1/shifts?from=${date(10)}&to=${date(11)}&cursor=${cursor}`,
      );
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
