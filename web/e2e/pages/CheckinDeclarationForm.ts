import type { Locator, Page } from 'playwright-core';

export interface DeclarationAnswers {
  symptoms: string[];
  contactWithCase: boolean;
  beenToOutbreakArea: boolean;
  vaccination: string;
  entry?: { origin: string; destination: string; vehicle: string; plate?: string };
  travelDate?: string;
}

/** The health declaration form (on `/declare`, or under a checkpoint's check-in) and its result. */
export class CheckinDeclarationForm {
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByTestId('declaration-form');
  }

  get result(): Locator {
    return this.page.getByTestId('declaration-result');
  }

  private group(legend: RegExp): Locator {
    return this.form.getByRole('group', { name: legend });
  }

  async fill(answers: DeclarationAnswers): Promise<void> {
    if (answers.travelDate) await this.form.getByLabel('Ngày đi').fill(answers.travelDate);
    if (answers.entry) {
      await this.form.getByLabel('Nơi đi').fill(answers.entry.origin);
      await this.form.getByLabel('Nơi đến').fill(answers.entry.destination);
      await this.form.getByLabel('Phương tiện').selectOption({ label: answers.entry.vehicle });
      if (answers.entry.plate) await this.form.getByLabel('Biển số xe (nếu có)').fill(answers.entry.plate);
    }
    for (const symptom of answers.symptoms) await this.group(/triệu chứng nào/).getByLabel(symptom, { exact: true }).check();
    await this.group(/tiếp xúc gần/).getByLabel(answers.contactWithCase ? 'Có' : 'Không', { exact: true }).check();
    await this.group(/vùng đang có dịch/).getByLabel(answers.beenToOutbreakArea ? 'Có' : 'Không', { exact: true }).check();
    await this.group(/vắc xin/).getByLabel(answers.vaccination, { exact: true }).check();
  }

  async send(): Promise<void> {
    await this.form.getByRole('button', { name: 'Gửi tờ khai' }).click();
    await this.result.waitFor();
  }
}
