import type { Locator, Page } from 'playwright-core';

/**
 * The public map at `/`: the SVG map drawn first (and kept where there is no WebGL), the MapLibre map
 * that takes over, the layer panel, the detail and "around me" panels.
 */
export class MapPage {
  constructor(readonly page: Page) {}

  /** The MapLibre map. */
  get map(): Locator {
    return this.page.getByTestId('map');
  }

  /** The SVG map. */
  get svgMap(): Locator {
    return this.page.getByTestId('map-svg');
  }

  get stage(): Locator {
    return this.page.getByTestId('map-stage');
  }

  get unitPanel(): Locator {
    return this.page.getByTestId('unit-panel');
  }

  get dataAge(): Locator {
    return this.page.getByTestId('data-age');
  }

  get legend(): Locator {
    return this.page.locator('.level-legend').first();
  }

  get placePanel(): Locator {
    return this.page.getByTestId('place-panel');
  }

  get demoBanner(): Locator {
    return this.page.getByTestId('demo-banner');
  }

  /** Opens the map and waits until it has drawn its data once. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.locator('[data-testid="map"][data-drawn-at]').waitFor({ timeout: 30_000 });
  }

  /** Opens the map and waits for the first drawing of its data, by either renderer. */
  async openFirstDrawn(): Promise<void> {
    await this.page.goto('/');
    await this.stage.and(this.page.locator('[data-first-drawn-at]')).waitFor({ timeout: 30_000 });
  }

  /** Level colours the SVG map draws (in the current mode and zoom). */
  async svgLevels(): Promise<string[]> {
    return ((await this.svgMap.getAttribute('data-levels')) ?? '').split(',').filter(Boolean);
  }

  svgPlace(id: string): Locator {
    return this.svgMap.locator(`[data-place="${id}"]:not([data-target])`);
  }

  /** Names of the places the SVG map draws. */
  svgPlaceNames(): Promise<string[]> {
    return this.svgMap.locator('[data-place] > title').allTextContents();
  }

  /** Where a position is on screen in the SVG map (its viewBox is Web Mercator × 1000). */
  async svgPoint(lon: number, lat: number): Promise<{ x: number; y: number }> {
    return this.svgMap.locator('svg').evaluate((svg, [x, y]) => {
      const box = (svg as SVGSVGElement).viewBox.baseVal;
      const rect = svg.getBoundingClientRect();
      const px = x * 1000;
      const py = (-Math.log(Math.tan(Math.PI / 4 + (y * Math.PI) / 360)) * 180 * 1000) / Math.PI;
      return { x: rect.left + ((px - box.x) / box.width) * rect.width, y: rect.top + ((py - box.y) / box.height) * rect.height };
    }, [lon, lat] as [number, number]);
  }

  /** Zooms the SVG map in about a position with the mouse wheel. */
  async svgZoomAt(lon: number, lat: number, steps: number): Promise<void> {
    await this.svgMap.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    for (let i = 0; i < steps; i++) {
      const { x, y } = await this.svgPoint(lon, lat);
      await this.page.mouse.move(x, y);
      await this.page.mouse.wheel(0, -100);
      await this.page.waitForTimeout(50);
    }
  }

  async svgClickAt(lon: number, lat: number): Promise<void> {
    await this.svgMap.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    const { x, y } = await this.svgPoint(lon, lat);
    await this.page.mouse.click(x, y);
  }

  layerToggle(name: string): Locator {
    return this.page.getByTestId('map-layers').getByRole('checkbox', { name, exact: true });
  }

  /** Names of the places drawn in view (optionally of one kind), read from the map itself. */
  renderedPlaceNames(kind?: string): Promise<string[]> {
    return this.page.evaluate((wanted) => {
      type Feature = { properties: { name: string; kind: string } };
      const map = (window as unknown as { vigilMap: { queryRenderedFeatures: (o: { layers: string[] }) => Feature[] } }).vigilMap;
      return map.queryRenderedFeatures({ layers: ['places'] }).filter((f) => !wanted || f.properties.kind === wanted).map((f) => f.properties.name);
    }, kind ?? null);
  }

  async waitForPlace(name: string, timeout = 10_000): Promise<void> {
    await this.page.waitForFunction(
      (wanted) => {
        type Feature = { properties: { name: string } };
        const map = (window as unknown as { vigilMap?: { queryRenderedFeatures: (o: { layers: string[] }) => Feature[] } }).vigilMap;
        return map?.queryRenderedFeatures({ layers: ['places'] }).some((f) => f.properties.name === wanted) ?? false;
      },
      name,
      { timeout, polling: 50 },
    );
  }

  /**
   * From now on, the page notes (its own clock, Date.now()) the first frame MapLibre draws with this
   * place in view: a time taken where it happens, not when a poll from the test next looks.
   */
  async noteWhenDrawn(name: string): Promise<void> {
    // (no named functions in here: tsx would wrap them in a helper the page does not have)
    await this.page.evaluate((wanted) => {
      type Feature = { properties: { name: string } };
      type Map = { queryRenderedFeatures: (o: { layers: string[] }) => Feature[]; on: (type: 'render', f: () => void) => void };
      const page = window as unknown as { vigilMap: Map; vigilDrawnAt?: Record<string, number> };
      const drawnAt = (page.vigilDrawnAt ??= {});
      page.vigilMap.on('render', () => {
        if (drawnAt[wanted] || !page.vigilMap.queryRenderedFeatures({ layers: ['places'] }).some((f) => f.properties.name === wanted)) return;
        drawnAt[wanted] = Date.now();
      });
    }, name);
  }

  /** When the place noted by noteWhenDrawn was first drawn (epoch ms); fails after `timeout`. */
  async drawnAt(name: string, timeout = 10_000): Promise<number> {
    const handle = await this.page.waitForFunction((wanted) => (window as unknown as { vigilDrawnAt?: Record<string, number> }).vigilDrawnAt?.[wanted], name, { timeout, polling: 100 });
    return Number(await handle.jsonValue());
  }

  /** Level colours drawn in view (the map writes them on its container when it is idle). */
  async renderedLevels(): Promise<string[]> {
    return ((await this.map.getAttribute('data-levels')) ?? '').split(',').filter(Boolean);
  }

  async waitForLevel(colour: string): Promise<void> {
    await this.page.waitForFunction((wanted) => (document.querySelector('[data-testid="map"]')?.getAttribute('data-levels') ?? '').split(',').includes(wanted), colour);
  }

  /** Clicks the map where a position is drawn. */
  async clickAt(lon: number, lat: number): Promise<void> {
    const point = await this.page.evaluate(([x, y]) => {
      type Map = { project: (p: [number, number]) => { x: number; y: number }; getCanvas: () => HTMLCanvasElement };
      const map = (window as unknown as { vigilMap: Map }).vigilMap;
      const projected = map.project([x, y]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + projected.x, y: box.top + projected.y };
    }, [lon, lat] as [number, number]);
    await this.page.mouse.click(point.x, point.y);
  }

  async levelMode(name: string): Promise<void> {
    await this.page.getByRole('radio', { name, exact: true }).check();
  }

  async openTab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }
}
