import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { csvCell } from '../../src/osr/exports/csv.js';
import { foldLine } from '../../src/osr/exports/ics.js';

const EVIL_NAME = '=HYPERLINK("http://x")<script>alert(1)</script>';

describe.each(databaseTargets())('issuing the OSR rota as HTML, CSV and iCalendar, on %s', (target) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/north-west', { name: 'North West' }), 201);
    await expectStatus(
      ctx.call('admin', 'PUT', '/v1/hubs/east-hub', { name: 'East & "Central" <Hub>' }),
      201,
    );
    for (const [name, grade] of [
      [EVIL_NAME, 'H'],
      ['Zoë Ångström-Ødegård with a rather long name to fold', 'I'],
    ])
      await expectStatus(
        ctx.call('admin', 'POST', '/v1/practitioners', {
          name,
          kind: 'zero_nineteen',
          grade,
          homeRegion: 'north-west',
          hub: 'east-hub',
        }),
        201,
      );
    await expectStatus(
      ctx.call('coordinator', 'POST', '/v1/osr/rotas', { fromWeek: '2030-W02', weeks: 4 }),
      201,
    );
  });
  afterAll(() => ctx?.close());

  it('HTML: a semantic, escaped page with a strict content security policy', async () => {
    const res = await expectStatus(
      ctx.call('social_worker', 'GET', '/v1/osr/rotas.html?fromWeek=2030-W02&toWeek=2030-W05'),
      200,
    );
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.body;
    expect(html).toMatch(/<table>[\s\S]*<caption>[\s\S]*<th scope="col">Week<\/th>/);
    expect(html).toContain('<th scope="row">2030-W03');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('East &amp; &quot;Central&quot; &lt;Hub&gt;');
    expect(html).toContain('@media print');
  });

  it('CSV: one row per hub-week, formulas defused, quotes doubled', async () => {
    const res = await expectStatus(
      ctx.call('viewer', 'GET', '/v1/osr/rotas.csv?fromWeek=2030-W02&toWeek=2030-W05&hub=east-hub'),
      200,
    );
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toContain(
      'attachment; filename="osr-rota-2030-W02-2030-W05.csv"',
    );
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'week,monday,friday,hub,hub_name,lead_responder,grade,source,dat_team,lead_unavailable_days',
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^2030-W02,2030-01-07,2030-01-11,east-hub,"East & ""Central"" <Hub>",/);
    expect(res.body).toContain(`"'=HYPERLINK(""http://x"")<script>alert(1)</script>"`);
    expect(res.body).not.toMatch(/,=HYPERLINK/);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('ICS: all-day events with stable UIDs, escaped text and lines folded at 75 octets', async () => {
    const first = await expectStatus(
      ctx.call('viewer', 'GET', '/v1/osr/rotas.ics?fromWeek=2030-W02&toWeek=2030-W05'),
      200,
    );
    expect(first.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const ics = first.body;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    expect(unfolded).toContain('UID:osr-east-hub-2030-W02@care-rota');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20300107\r\nDTEND;VALUE=DATE:20300112');
    expect(unfolded).toContain('East & "Central" <Hub>');
    expect(unfolded).toMatch(/SUMMARY:OSR lead responder East & "Central" <Hub>: /);
    // The same rota gives the same UIDs on every download.
    const again = (await ctx.call('viewer', 'GET', '/v1/osr/rotas.ics?fromWeek=2030-W02&toWeek=2030-W05'))
      .body;
    expect(again.match(/UID:[^\r]+/g)).toEqual(ics.match(/UID:[^\r]+/g));
    // Folding never splits a multi-byte character.
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'é'.repeat(60)}`);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
  });
});
