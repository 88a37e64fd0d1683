/** Programmes and roadmaps: Zeya's department creates a programme, imports the Zeya roadmap (dry run, then apply),
 * sees the timeline, reports progress on an activity with an existing event as evidence, marks it done and finds
 * it under its KPI; axe on the roadmap page at desktop and phone width. */
import { join } from 'node:path';
import { roadmap as m } from '../src/modules/roadmap/messages';
import { apiGet, apiToken, baseUrl, DESKTOP, expect, expectAccessible, fillDate, PHONE, shot, signIn, test } from './support';

const ZEYA = 'department@zeya.demo.mms';
const FIXTURE = join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'roadmap', 'zeya_roadmap.xlsx');
const MONITORING = 'Проведение муниципального мониторинга профессиональных';

test.describe.configure({ mode: 'serial' });

let programmeUrl = '';
const title = `Программа поддержки методических объединений (e2e ${Date.now()})`;

test('imports the Zeya roadmap, reports on an activity and finds it under its KPI', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ZEYA);
  await page.goto(`${baseUrl}/roadmap`);
  await expect(page.getByRole('heading', { level: 2, name: m.title })).toBeVisible();

  // A new programme for the period of Zeya's roadmap.
  await page.getByRole('button', { name: m.programmes.create }).click();
  const dialog = page.getByRole('dialog', { name: m.programmes.createTitle });
  await dialog.getByLabel(m.programmes.fields.title).fill(title);
  await fillDate(dialog.getByLabel(m.programmes.fields.start), '01.08.2020');
  await fillDate(dialog.getByLabel(m.programmes.fields.end), '31.12.2022');
  await dialog.getByLabel(m.programmeForm.tasks).fill('Информационная поддержка; диагностико-прогностическая поддержка');
  await dialog.getByRole('button', { name: m.programmeForm.addStage }).click();
  await dialog.getByLabel(m.programmeForm.stageTitle).fill('Организационный');
  await fillDate(dialog.getByLabel(new RegExp(`^${m.programmeForm.stageStart}( \\*)?$`)), '01.08.2020');
  await fillDate(dialog.getByLabel(new RegExp(`^${m.programmeForm.stageEnd}( \\*)?$`)), '31.12.2020');
  await dialog.getByRole('button', { name: 'Создать' }).click();
  await expect(page).toHaveURL(/\/roadmap\/programmes\/[0-9a-f-]{36}/);
  programmeUrl = new URL(page.url()).pathname;
  await expect(page.getByText(m.programme.emptyRoadmap)).toBeVisible();
  await expect(page.getByText(/Организационный: 01\.08\.2020/)).toBeVisible(); // the stage typed in the form
  // «Изменить»: the status and a second stage; the page shows them
  await page.getByRole('button', { name: m.programmeForm.edit }).click();
  const edit = page.getByRole('dialog', { name: m.programmeForm.editTitle });
  await edit.getByRole('combobox', { name: m.programmes.fields.status }).click();
  await page.getByRole('option', { name: m.programmeStatuses.running }).click();
  await edit.getByRole('button', { name: m.programmeForm.addStage }).click();
  await edit.getByRole('region', { name: m.programmeForm.stageN(2) }).getByLabel(new RegExp(`^${m.programmeForm.stageTitle}( \\*)?$`)).fill('Основной');
  await fillDate(edit.getByRole('region', { name: m.programmeForm.stageN(2) }).getByLabel(new RegExp(`^${m.programmeForm.stageStart}( \\*)?$`)), '01.01.2021');
  await fillDate(edit.getByRole('region', { name: m.programmeForm.stageN(2) }).getByLabel(new RegExp(`^${m.programmeForm.stageEnd}( \\*)?$`)), '30.06.2022');
  await edit.getByRole('button', { name: 'Сохранить' }).click();
  await edit.waitFor({ state: 'detached' });
  await expect(page.getByText(/Основной: 01\.01\.2021/)).toBeVisible();
  await expect(page.getByText(m.programmeStatuses.running!, { exact: true }).first()).toBeVisible();

  // Import: the dry run reports what it recognised and what not, then «Применить».
  await page.getByRole('link', { name: m.programme.import }).click();
  await page.locator('input[type="file"]').setInputFiles(FIXTURE);
  await page.getByRole('button', { name: m.import.check }).click();
  const report = page.getByTestId('roadmap-import-report');
  await expect(report.getByRole('heading', { name: m.import.dryRunTitle })).toBeVisible();
  await expect(page.getByTestId('roadmap-import-unrecognised')).toContainText('По графику проведения ВПР');
  await expect(page.getByTestId('roadmap-import-summary')).toContainText(m.import.willCreate(57));
  await shot(page, 'roadmap-import-dry-run');
  await page.getByRole('button', { name: m.import.apply }).click();
  await expect(report.getByRole('heading', { name: m.import.resultTitle })).toBeVisible();
  await expect(page.getByTestId('roadmap-import-summary')).toContainText(m.import.created(57));
  // A re-import updates by number instead of duplicating: nothing new to create.
  await page.getByRole('button', { name: m.import.again }).click();
  await page.locator('input[type="file"]').setInputFiles(FIXTURE);
  await page.getByRole('button', { name: m.import.check }).click();
  await expect(page.getByTestId('roadmap-import-summary')).toContainText(m.import.willCreate(0));

  // The roadmap grouped by section, then the timeline.
  await page.getByRole('link', { name: m.import.back }).click();
  await expect(page.getByTestId('roadmap-row')).toHaveCount(57);
  await expect(page.getByTestId('roadmap-table')).toContainText(m.schedule.unparsed!);
  await page.getByRole('tab', { name: m.programme.tabs.timeline }).click();
  await expect(page.getByTestId('timeline-row').first()).toBeVisible();
  await expect(page.getByTestId('timeline-bar').first()).toBeVisible();
  await shot(page, 'roadmap-timeline');
  await page.getByRole('tab', { name: m.programme.tabs.progress }).click();
  await expect(page.getByTestId('roadmap-progress')).toContainText(m.progress.total);

  // The monitoring activity: its KPI, a report with an existing event, then done.
  await page.getByRole('tab', { name: m.programme.tabs.roadmap }).click();
  await page.getByTestId('roadmap-table').getByRole('link', { name: new RegExp(MONITORING) }).first().click();
  await expect(page).toHaveURL(/\/roadmap\/activities\/[0-9a-f-]{36}/);
  await page.getByRole('button', { name: m.activity.editKpi }).click();
  const kpiDialog = page.getByRole('dialog', { name: m.activity.editKpi });
  await kpiDialog.getByLabel(m.activity.kpiCodes).fill('Z-MONITOR');
  await kpiDialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(kpiDialog).toBeHidden();
  await expect(page.getByText('Z-MONITOR')).toBeVisible();

  const occurrence = page.getByTestId('roadmap-occurrence').first();
  await occurrence.getByRole('button', { name: m.activity.report }).click();
  const form = page.getByRole('dialog', { name: m.reportForm.title });
  await form.getByLabel(m.reportForm.text).fill('Мониторинг проведён, итоги обсуждены на семинаре ГМО');
  await form.getByRole('combobox', { name: m.reportForm.recordPick, exact: true }).fill('Семинар');
  const option = page.getByRole('option').first();
  const eventTitle = ((await option.textContent()) ?? '').trim();
  await option.click();
  await expect(form.getByTestId('report-record')).toContainText(eventTitle);
  await form.getByRole('button', { name: m.reportForm.submit }).click();
  await expect(form).toBeHidden();
  const reportView = occurrence.getByTestId('roadmap-report');
  await expect(reportView).toContainText('Мониторинг проведён');
  await expect(reportView.getByRole('link', { name: eventTitle })).toBeVisible();
  await expect(occurrence.getByTestId('occurrence-status')).toHaveText(m.statuses.in_progress!);
  await occurrence.getByRole('button', { name: m.activity.markDone }).click();
  await expect(occurrence.getByTestId('occurrence-status')).toHaveText(m.statuses.done!);
  await shot(page, 'roadmap-activity-done');

  // Under its KPI on the dashboard.
  await page.goto(`${baseUrl}/kpi?indicator=Z-MONITOR`);
  const kpiBlock = page.getByTestId('kpi-roadmap-activities');
  await expect(kpiBlock).toBeVisible();
  await expect(kpiBlock.getByRole('row').filter({ hasText: title })).toHaveCount(1);
});

test('the roadmap page is accessible at desktop and phone width', async ({ page }) => {
  if (!programmeUrl) {
    // Run alone: Zeya's demo programme (its roadmap is the same one).
    const { body } = await apiGet(await apiToken(ZEYA), '/programmes?limit=1');
    programmeUrl = `/roadmap/programmes/${(body.items as { id: string }[])[0]!.id}`;
  }
  await signIn(page, ZEYA);
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await page.goto(`${baseUrl}${programmeUrl}`);
    await expect(page.getByTestId('roadmap-table')).toBeVisible();
    await expectAccessible(page, `roadmap ${viewport.width}px`);
    await page.goto(`${baseUrl}${programmeUrl}?tab=timeline`);
    await expect(page.getByTestId('roadmap-timeline')).toBeVisible();
    // The chart scrolls sideways inside its own frame, never the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, `timeline ${viewport.width}px`);
    // Opened by its address: a click would leave the pointer hovering the section nav at phone width.
    const href = await page.getByTestId('timeline-row').first().getByRole('link').getAttribute('href');
    await page.goto(`${baseUrl}${href}`);
    await expect(page.getByRole('heading', { level: 3, name: m.activity.occurrences })).toBeVisible();
    await expectAccessible(page, `activity ${viewport.width}px`);
    await page.goto(`${baseUrl}/roadmap/due`);
    await expect(page.getByTestId('roadmap-overdue')).toBeVisible();
    await expectAccessible(page, `due ${viewport.width}px`);
  }
});
