// Page objects of vaccination: the citizen's registration and booking page (/vaccination), the
// vaccinator's desk (/staff/vaccination/site) and the citizen's certificate page (/vaccination/certificate).
import type { Locator, Page } from 'playwright-core';

export interface Registrant {
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'female' | 'male';
  phone: string;
  nationalId: string;
  communeCode: string;
  priorityGroup: string;
}

export class RegisterPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/vaccination');
    await this.page.getByTestId('vreg-form').waitFor();
  }

  async register(person: Registrant): Promise<void> {
    await this.page.locator('#vreg-fullName').fill(person.fullName);
    await this.page.locator('#vreg-birthDate').fill(person.birthDate);
    await this.page.locator('#vreg-sex').selectOption(person.sex);
    await this.page.locator('#vreg-phone').fill(person.phone);
    await this.page.locator('#vreg-nationalId').fill(person.nationalId);
    await this.page.locator('#vreg-communeCode').selectOption(person.communeCode);
    await this.page.locator('#vreg-priorityGroup').selectOption(person.priorityGroup);
    await this.page.getByTestId('vreg-submit').click();
    await this.page.getByTestId('vreg-mine').waitFor();
  }

  /** The registration's status as the page shows it (waiting, booked, vaccinated …). */
  async status(): Promise<string | null> {
    return this.page.getByTestId('vreg-status').getAttribute('data-status');
  }

  async book(sessionId: string, slotId: string): Promise<Locator> {
    await this.page.getByTestId(`vreg-session-${sessionId}`).waitFor();
    await this.page.getByTestId(`vreg-slot-${slotId}`).check();
    await this.page.getByTestId('vreg-book').click();
    const booking = this.page.getByTestId('vreg-booking');
    await booking.waitFor();
    return booking;
  }
}

export class VaccinatorDesk {
  constructor(readonly page: Page) {}

  async open(siteId: string, lotId: string): Promise<void> {
    await this.page.goto('/staff/vaccination/site');
    await this.page.locator(`#vsite-site option[value="${siteId}"]`).waitFor({ state: 'attached' });
    await this.page.locator('#vsite-site').selectOption(siteId);
    await this.page.locator(`#vsite-lot option[value="${lotId}"]`).waitFor({ state: 'attached' });
    await this.page.locator('#vsite-lot').selectOption(lotId);
  }

  /** Types a national ID or a personal code and checks the person in; answers the visit's region. */
  async checkIn(identifier: string): Promise<Locator> {
    await this.page.getByRole('textbox', { name: 'Số CCCD hoặc mã cá nhân' }).fill(identifier);
    await this.page.getByRole('button', { name: 'Tiếp đón', exact: true }).click();
    const visit = this.page.getByRole('region', { name: 'Người được tiếp đón' });
    await visit.getByTestId('vsite-person').waitFor();
    return visit;
  }

  /** Every screening question answered "no", the outcome "fit to vaccinate", saved. */
  async screenFit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Tất cả: Không' }).click();
    await this.page.getByRole('group', { name: 'Kết luận' }).getByRole('radio', { name: 'Đủ điều kiện tiêm' }).check();
    await this.page.getByRole('button', { name: 'Lưu kết quả khám sàng lọc' }).click();
    await this.page.getByText('Đã khám sàng lọc: Đủ điều kiện tiêm.').waitFor();
  }

  async recordDose(fullName: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Ghi nhận mũi tiêm' }).click();
    await this.page.getByText(new RegExp(`Đã ghi nhận mũi 1 cho ${fullName}\\. Theo dõi 30 phút\\.`)).waitFor();
  }

  get observations(): Locator {
    return this.page.getByRole('region', { name: 'Đang theo dõi sau tiêm' }).getByTestId('vsite-observation-row');
  }
}

export class OwnCertificatePage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/vaccination/certificate');
    await this.page.getByTestId('vaccination-own').waitFor();
  }

  /** Asks with the national ID, birth date and phone on file; answers the QR code's element. */
  async byNationalId(nationalId: string, birthDate: string, phone: string): Promise<Locator> {
    await this.page.getByLabel('Số căn cước công dân (12 số)').fill(nationalId);
    await this.page.getByLabel('Ngày sinh').fill(birthDate);
    await this.page.getByLabel('Số điện thoại đã đăng ký').fill(phone);
    await this.page.getByRole('button', { name: 'Nhận chứng nhận' }).click();
    const qr = this.page.getByTestId('vaccination-certificate-qr');
    await qr.waitFor();
    return qr;
  }
}
