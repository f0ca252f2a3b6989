// Browser test of vaccination (issue #8), end to end in Chromium: a citizen registers on their phone
// and books a time; a vaccinator checks them in at the site by national ID, screens them fit and
// records the dose; the citizen fetches their certificate, and a picture of its QR code verifies on
// the verifier page against the province's published keys.
//   node scripts/run-tests.mjs web/e2e/vaccination.test.ts
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { nationalIdFor, staffApi } from './api';
import { LoginPage } from './pages/LoginPage';
import { OwnCertificatePage, RegisterPage, type Registrant, VaccinatorDesk } from './pages/VaccinationPages';
import { repoRoot } from './server';
import { browserSuite } from './suite';

const ARTIFACTS = path.join(repoRoot, 'web/e2e/artifacts');
const PASSWORD = 'vigil-demo-2021';
const VACCINATOR = 'demo.vaccinator.93';
const PROVINCE = '93';
const COMMUNE = '31321';
const PHONE = { width: 390, height: 844 };

/** A calendar day in Vietnam, `days` from today. */
function vietnamDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + days * 86_400_000));
}

interface Session { id: string; slots: { id: string }[] }

describe('vaccination: register, book, vaccinate, certify', () => {
  const suite = browserSuite();
  const api = staffApi(() => ({ baseUrl: suite.server.baseUrl, token: suite.token }));

  before(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  /** A site in the commune holding 20 doses of a new Pfizer lot, and a session there tomorrow. */
  async function siteWithSession(name: string) {
    const site = await api<{ id: string }>('POST', '/api/v1/vaccination/sites', { name, communeCode: COMMUNE });
    const shipment = await api<{ lot: { id: string } }>('POST', '/api/v1/vaccination/shipments', {
      productCode: 'PFIZER', lotNumber: `E2E${Date.now().toString(36).toUpperCase()}`, expiresOn: vietnamDay(180), doses: 20, unitCode: PROVINCE,
    });
    await api('POST', '/api/v1/vaccination/movements', { lotId: shipment.lot.id, from: { unitCode: PROVINCE }, to: { siteId: site.id }, doses: 20 });
    const session = await api<Session>('POST', '/api/v1/vaccination/sessions', {
      siteId: site.id, sessionDate: vietnamDay(1), productCode: 'PFIZER',
      slots: [{ start: '08:00', end: '09:00', capacity: 10 }, { start: '09:00', end: '10:00', capacity: 10 }],
    });
    return { siteId: site.id, lotId: shipment.lot.id, session };
  }

  test('a citizen registers and books; the vaccinator checks them in, screens and records the dose; the certificate verifies', async () => {
    const { siteId, lotId, session } = await siteWithSession('Điểm tiêm E2E: Trường THCS Vị Thanh');
    const citizen: Registrant = {
      fullName: 'Lê Thị Tiêm Chủng', birthDate: '1980-06-01', sex: 'female', phone: '0912345678',
      nationalId: nationalIdFor(1980, 'female'), communeCode: COMMUNE, priorityGroup: 'teachers',
    };

    // the citizen on their phone: register, then book the second slot of tomorrow's session
    const phone = await suite.open(PHONE);
    const register = new RegisterPage(phone);
    await register.open();
    await register.register(citizen);
    assert.equal(await register.status(), 'waiting');
    const booking = await register.book(session.id, session.slots[1]!.id);
    assert.match((await booking.getByTestId('vreg-booking-when').textContent()) ?? '', /09:00–10:00/);
    assert.match((await booking.getByTestId('vreg-booking-site').textContent()) ?? '', /Trường THCS Vị Thanh/);
    assert.equal(await register.status(), 'booked');
    await phone.screenshot({ path: path.join(ARTIFACTS, 'vaccination-booked-390.png'), fullPage: true });
    // the booking is kept on the phone
    await phone.reload();
    await phone.getByTestId('vreg-booking').waitFor();

    // the vaccinator at the site: check in by national ID, screen, record the dose
    const desk = new VaccinatorDesk(await suite.open({ width: 1280, height: 900 }));
    await new LoginPage(desk.page).signIn(VACCINATOR, PASSWORD);
    await desk.open(siteId, lotId);
    const visit = await desk.checkIn(citizen.nationalId);
    assert.match((await visit.getByTestId('vsite-person').textContent()) ?? '', /Lê Thị Tiêm Chủng/);
    await desk.screenFit();
    await desk.recordDose(citizen.fullName);
    await desk.observations.filter({ hasText: citizen.fullName }).waitFor();
    await desk.page.screenshot({ path: path.join(ARTIFACTS, 'vaccination-desk-1280.png'), fullPage: true });

    // the stock moved and the registration knows
    const stock = await api<{ items: { lot: { id: string }; onHand: number }[] }>('GET', `/api/v1/vaccination/stock?siteId=${siteId}`);
    assert.equal(stock.items.find((line) => line.lot.id === lotId)?.onHand, 19);
    await phone.reload();
    await phone.getByTestId('vreg-mine').waitFor();
    assert.equal(await register.status(), 'vaccinated');

    // the citizen's certificate: its QR code, read from a picture of the screen, verifies on /verify
    const own = new OwnCertificatePage(await suite.open(PHONE));
    await own.open();
    const qr = await own.byNationalId(citizen.nationalId, citizen.birthDate, citizen.phone);
    assert.match((await qr.getAttribute('data-value')) ?? '', /^HC1:/);
    const picture = await qr.screenshot();
    await own.page.screenshot({ path: path.join(ARTIFACTS, 'vaccination-certificate-390.png'), fullPage: true });

    const verifier = await suite.open(PHONE);
    await verifier.goto('/verify');
    await verifier.getByTestId('verify-trust-date').waitFor();
    await verifier.getByTestId('verify-picture').setInputFiles({ name: 'certificate.png', mimeType: 'image/png', buffer: picture });
    const result = verifier.getByTestId('verify-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-valid'), 'true', (await result.textContent()) ?? '');
    assert.equal(await verifier.getByTestId('verify-holder-name').textContent(), citizen.fullName);
    assert.equal(await verifier.getByTestId('verify-dose').textContent(), 'Mũi 1/2');
  });
});
