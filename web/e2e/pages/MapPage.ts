import type { Locator, Page } from 'playwright-core';

/** The public map at `/`: the MapLibre canvas, its layer panel, the detail and "around me" panels. */
export class MapPage {
  constructor(readonly page: Page) {}

  get map(): Locator {
    return this.page.getByTestId('map');
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
