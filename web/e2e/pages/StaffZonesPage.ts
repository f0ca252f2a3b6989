import type { Locator, Page } from 'playwright-core';

/** Staff screen of lockdown zones and isolation areas: a zone drawn on the map, GeoJSON import, list, lift. */
export class StaffZonesPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/staff/zones');
    await this.page.getByRole('heading', { level: 1, name: 'Khu phong tỏa và khu cách ly y tế' }).waitFor();
  }

  async upload(name: string, content: string): Promise<void> {
    await this.page.getByLabel('Nhập từ tệp GeoJSON:').setInputFiles({ name, mimeType: 'application/geo+json', buffer: Buffer.from(content, 'utf8') });
  }

  get uploadSuccess(): Locator {
    return this.page.locator('.staff-upload .notice-success');
  }

  get uploadError(): Locator {
    return this.page.locator('.staff-upload [role="alert"]');
  }

  row(name: string): Locator {
    return this.page.locator('table tbody tr').filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  get form(): Locator {
    return this.page.getByTestId('zone-form');
  }

  get drawStatus(): Locator {
    return this.page.getByTestId('zone-draw-status');
  }

  /** Opens the drawing form and waits for its map. */
  async startDrawing(): Promise<void> {
    await this.page.getByRole('button', { name: 'Vẽ khu vực mới' }).click();
    await this.page.locator('[data-testid="zone-draw-map"][data-state="loaded"]').waitFor({ timeout: 30_000 });
  }

  /** Clicks (or double-clicks) the drawing map where a position is drawn. */
  async clickMap(lon: number, lat: number, { double = false } = {}): Promise<void> {
    const point = await this.page.evaluate(([x, y]) => {
      type Map = { project: (p: [number, number]) => { x: number; y: number }; getCanvas: () => HTMLCanvasElement };
      const map = (window as unknown as { vigilDrawMap: Map }).vigilDrawMap;
      map.getCanvas().scrollIntoView({ block: 'center' }); // the whole map on screen, wherever the page was scrolled to
      const projected = map.project([x, y]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + projected.x, y: box.top + projected.y };
    }, [lon, lat] as [number, number]);
    if (double) await this.page.mouse.dblclick(point.x, point.y);
    else await this.page.mouse.click(point.x, point.y);
  }

  tool(name: string): Locator {
    return this.form.getByRole('button', { name, exact: true });
  }

  async fill(values: { kind?: string; name?: string; unitCode?: string; startsOn?: string; endsOn?: string; decisionNumber?: string; decisionDate?: string; issuedBy?: string }): Promise<void> {
    if (values.kind) await this.page.getByLabel('Loại', { exact: true }).selectOption({ label: values.kind });
    if (values.name !== undefined) await this.page.getByLabel('Tên', { exact: true }).fill(values.name);
    if (values.unitCode) await this.page.getByLabel('Đơn vị', { exact: true }).selectOption(values.unitCode);
    if (values.startsOn) await this.page.getByLabel('Hiệu lực từ').fill(values.startsOn);
    if (values.endsOn !== undefined) await this.page.getByLabel('Hiệu lực đến').fill(values.endsOn);
    if (values.decisionNumber) await this.page.getByLabel('Số quyết định').fill(values.decisionNumber);
    if (values.decisionDate) await this.page.getByLabel('Ngày quyết định').fill(values.decisionDate);
    if (values.issuedBy) await this.page.getByLabel('Cơ quan ban hành').fill(values.issuedBy);
  }

  async save(): Promise<void> {
    await this.form.getByRole('button', { name: 'Lưu', exact: true }).click();
  }
}
