// Message templates in Vietnamese and English, kept as data. A payload is checked against its
// template when the message is enqueued (400 naming the field), so delivery never meets a gap.
import type { FieldErrors } from '../../platform/errors.js';

export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];
type Localised = Record<Locale, string>;

/** text: as given; date: 'YYYY-MM-DD'; datetime: an ISO instant shown in Asia/Ho_Chi_Minh; choices: one of the keys, shown by its label. */
type Variable = 'text' | 'date' | 'datetime' | { choices: Record<string, Localised> };

interface Template {
  variables: Record<string, Variable>;
  /** The push title and e-mail subject (an SMS is the body alone: every character costs). */
  title: Localised;
  body: Localised;
}

export const TEMPLATES = {
  exposure_notice: {
    variables: { venueName: 'text', from: 'datetime', to: 'datetime' },
    title: { vi: 'Bạn có thể đã tiếp xúc với ca bệnh', en: 'You may have been exposed' },
    body: {
      vi: 'Bạn đã có mặt tại {{venueName}} trong khoảng {{from}} – {{to}}, cùng lúc với một ca bệnh COVID-19. Hãy tự theo dõi sức khỏe, hạn chế tiếp xúc và liên hệ trạm y tế xã, phường nơi bạn ở để được hướng dẫn.',
      en: 'You were at {{venueName}} between {{from}} and {{to}}, at the same time as a COVID-19 case. Watch your health, limit contact with others and call your commune health station for advice.',
    },
  },
  test_result: {
    variables: {
      testType: { choices: { rt_pcr: { vi: 'RT-PCR', en: 'RT-PCR' }, rapid_antigen: { vi: 'test nhanh kháng nguyên', en: 'rapid antigen' } } },
      sampledOn: 'date',
      result: {
        choices: {
          positive: { vi: 'DƯƠNG TÍNH với SARS-CoV-2. Hãy ở yên tại nhà, tránh tiếp xúc; nhân viên y tế sẽ liên hệ với bạn.', en: 'POSITIVE for SARS-CoV-2. Stay at home and avoid contact; health staff will contact you.' },
          negative: { vi: 'ÂM TÍNH với SARS-CoV-2.', en: 'NEGATIVE for SARS-CoV-2.' },
          negative_by_representation: {
            vi: 'ÂM TÍNH THEO ĐẠI DIỆN: mẫu của người đại diện cho hộ gia đình hoặc tổ của bạn âm tính với SARS-CoV-2; bạn không được lấy mẫu riêng.',
            en: 'NEGATIVE BY REPRESENTATION: the sample of the member representing your household or team was negative for SARS-CoV-2; you were not tested yourself.',
          },
          resample: {
            vi: 'cần LẤY MẪU LẠI. Tổ lấy mẫu sẽ liên hệ với bạn; hãy hạn chế tiếp xúc cho đến khi có kết quả.',
            en: 'you need to be SAMPLED AGAIN. The sampling team will contact you; limit contact with others until you have your result.',
          },
        },
      },
    },
    title: { vi: 'Kết quả xét nghiệm', en: 'Test result' },
    body: { vi: 'Kết quả xét nghiệm {{testType}} mẫu lấy ngày {{sampledOn}}: {{result}}', en: 'Result of the {{testType}} test sampled on {{sampledOn}}: {{result}}' },
  },
  case_proposal_alert: {
    variables: {
      testType: { choices: { rt_pcr: { vi: 'RT-PCR', en: 'RT-PCR' }, rapid_antigen: { vi: 'test nhanh kháng nguyên', en: 'rapid antigen' } } },
      sampledOn: 'date',
      communeName: 'text',
    },
    title: { vi: 'Kết quả dương tính cần xác nhận ca bệnh', en: 'A positive result to confirm as a case' },
    body: {
      vi: 'Có kết quả xét nghiệm {{testType}} DƯƠNG TÍNH (mẫu lấy ngày {{sampledOn}}) của một người sống tại {{communeName}}. Vui lòng mở Vigil để xác nhận ca bệnh.',
      en: 'A POSITIVE {{testType}} result (sampled on {{sampledOn}}) of a person living in {{communeName}} proposes a confirmed case. Please open Vigil to decide.',
    },
  },
  testing_round_reminder: {
    variables: { programmeName: 'text', roundNumber: 'text', dueBy: 'datetime' },
    title: { vi: 'Nhắc xét nghiệm định kỳ', en: 'Testing reminder' },
    body: {
      vi: 'Bạn chưa được xét nghiệm trong đợt {{roundNumber}} của {{programmeName}}. Vui lòng xét nghiệm trước {{dueBy}}.',
      en: 'You have not been tested in round {{roundNumber}} of {{programmeName}}. Please get tested before {{dueBy}}.',
    },
  },
  test_order: {
    variables: { date: 'date', site: 'text' },
    title: { vi: 'Lịch xét nghiệm', en: 'Test appointment' },
    body: {
      vi: 'Bạn được chỉ định xét nghiệm SARS-CoV-2 vào ngày {{date}} tại {{site}}. Vui lòng mang theo căn cước công dân và đeo khẩu trang.',
      en: 'You are asked to take a SARS-CoV-2 test on {{date}} at {{site}}. Please bring your citizen ID card and wear a mask.',
    },
  },
  quarantine_order: {
    variables: {
      kind: { choices: { home: { vi: 'tại nhà', en: 'at home' }, facility: { vi: 'tập trung', en: 'in a quarantine facility' } } },
      place: 'text',
      startDate: 'date',
      endDate: 'date',
    },
    title: { vi: 'Quyết định cách ly', en: 'Quarantine order' },
    body: {
      vi: 'Bạn thuộc diện cách ly {{kind}} ({{place}}) từ ngày {{startDate}} đến hết ngày {{endDate}}. Hãy theo dõi sức khỏe hằng ngày và báo ngay cho trạm y tế khi có sốt, ho hoặc khó thở.',
      en: 'You are to quarantine {{kind}} ({{place}}) from {{startDate}} to the end of {{endDate}}. Check your health every day and tell the health station at once if you have a fever, a cough or difficulty breathing.',
    },
  },
  vaccination_reminder: {
    variables: { dose: 'text', at: 'datetime', site: 'text' },
    title: { vi: 'Nhắc lịch tiêm chủng', en: 'Vaccination reminder' },
    body: {
      vi: 'Nhắc lịch tiêm vắc xin COVID-19 mũi {{dose}}: {{at}} tại {{site}}. Vui lòng mang theo căn cước công dân và giấy xác nhận đã tiêm (nếu có).',
      en: 'Reminder: COVID-19 vaccine dose {{dose}} on {{at}} at {{site}}. Please bring your citizen ID card and your vaccination record, if you have one.',
    },
  },
  vaccination_invitation: {
    variables: { date: 'date', site: 'text', link: 'text' },
    title: { vi: 'Mời đăng ký lịch tiêm chủng', en: 'Invitation to book your vaccination' },
    body: {
      vi: 'Bạn được mời tiêm vắc xin COVID-19 ngày {{date}} tại {{site}}. Chọn giờ tiêm tại {{link}}',
      en: 'You are invited to get your COVID-19 vaccine on {{date}} at {{site}}. Choose a time at {{link}}',
    },
  },
  vaccination_manage_link: {
    variables: { link: 'text' },
    title: { vi: 'Đường dẫn đăng ký tiêm chủng', en: 'Your vaccination registration link' },
    body: {
      vi: 'Đăng ký tiêm chủng của bạn đã có. Xem và đặt lịch tại {{link}}. Nếu bạn không yêu cầu, hãy bỏ qua tin nhắn này.',
      en: 'You are already registered for vaccination. See it and book at {{link}}. If you did not ask for this, ignore this message.',
    },
  },
  vaccination_booked: {
    variables: { at: 'datetime', site: 'text' },
    title: { vi: 'Đã đặt lịch tiêm chủng', en: 'Vaccination booked' },
    body: {
      vi: 'Bạn đã đặt lịch tiêm vắc xin COVID-19 lúc {{at}} tại {{site}}. Vui lòng mang theo căn cước công dân; nếu không đến được, hãy hủy lịch để nhường chỗ.',
      en: 'Your COVID-19 vaccination is booked for {{at}} at {{site}}. Please bring your citizen ID card; if you cannot come, cancel so someone else can have the place.',
    },
  },
  vaccination_session_cancelled: {
    variables: { at: 'datetime', site: 'text', reason: 'text' },
    title: { vi: 'Buổi tiêm chủng bị hủy', en: 'Vaccination session cancelled' },
    body: {
      vi: 'Buổi tiêm vắc xin COVID-19 lúc {{at}} tại {{site}} đã bị hủy ({{reason}}). Lịch của bạn đã được hủy; bạn vẫn trong danh sách chờ và sẽ được mời lại.',
      en: 'The COVID-19 vaccination session on {{at}} at {{site}} is cancelled ({{reason}}). Your booking is cancelled; you stay on the waiting list and will be invited again.',
    },
  },
} satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

/** The footer of an e-mail: who sends it, and that nobody reads replies. */
export const MAIL_FOOTER: Localised = {
  vi: 'Vigil – hệ thống phòng, chống dịch tỉnh Hậu Giang. Đây là thư tự động; vui lòng không trả lời.',
  en: 'Vigil – epidemic response, Hậu Giang province. This is an automatic message; please do not reply.',
};

export type Payload = Record<string, unknown>;

const MAX_TEXT = 200;
const isTemplate = (name: string): name is TemplateName => Object.hasOwn(TEMPLATES, name);

function problemOf(variable: Variable, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return 'is required by the template';
  if (typeof variable === 'object') return typeof value === 'string' && Object.hasOwn(variable.choices, value) ? null : `must be one of ${Object.keys(variable.choices).join(', ')}`;
  if (typeof value !== 'string' && typeof value !== 'number') return 'must be a string';
  const text = String(value);
  switch (variable) {
    case 'text':
      // eslint-disable-next-line no-control-regex
      return text.length > MAX_TEXT ? `must be at most ${MAX_TEXT} characters` : /[\u0000-\u001f]/.test(text) ? 'must be one line of text' : null;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ? null : 'must be a date YYYY-MM-DD';
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text)) ? null : 'must be a date-time (ISO 8601)';
  }
}

/** Field errors of a template name and payload ({} when they are fine), named `template` and `payload.<variable>`. */
export function payloadProblems(template: string, payload: Payload): FieldErrors {
  if (!isTemplate(template)) return { template: `must be one of ${TEMPLATE_NAMES.join(', ')}` };
  const variables: Record<string, Variable> = TEMPLATES[template].variables;
  const problems: FieldErrors = {};
  for (const [name, variable] of Object.entries(variables)) {
    const problem = problemOf(variable, payload[name]);
    if (problem) problems[`payload.${name}`] = problem;
  }
  for (const name of Object.keys(payload)) {
    if (!Object.hasOwn(variables, name)) problems[`payload.${name}`] = `is not a variable of template ${template}`;
  }
  return problems;
}

const ZONE = 'Asia/Ho_Chi_Minh';
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function formatDay(year: string, month: string, day: string, locale: Locale): string {
  return locale === 'vi' ? `${day}/${month}/${year}` : `${Number(day)} ${MONTHS_EN[Number(month) - 1]} ${year}`;
}

function formatInstant(iso: string, locale: Locale): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  const day = formatDay(parts.year!, parts.month!, parts.day!, locale);
  return locale === 'vi' ? `${parts.hour}:${parts.minute} ${day}` : `${day}, ${parts.hour}:${parts.minute}`;
}

function show(variable: Variable, value: unknown, locale: Locale): string {
  if (typeof variable === 'object') return variable.choices[String(value)]![locale];
  const text = String(value);
  switch (variable) {
    case 'text':
      return text;
    case 'date': {
      const [year, month, day] = text.split('-');
      return formatDay(year!, month!, day!, locale);
    }
    case 'datetime':
      return formatInstant(text, locale);
  }
}

export interface Rendered {
  title: string;
  body: string;
}

/** The message in that language. Throws when the template or a variable is missing (checked at enqueue, so only a removed template does). */
export function render(template: string, locale: Locale, payload: Payload): Rendered {
  const problems = payloadProblems(template, payload);
  if (Object.keys(problems).length > 0 || !isTemplate(template)) throw new Error(`cannot render ${template}: ${JSON.stringify(problems)}`);
  const spec: Template = TEMPLATES[template];
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => show(spec.variables[name]!, payload[name], locale));
  return { title: spec.title[locale], body: fill(spec.body[locale]) };
}
