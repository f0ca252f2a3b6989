// Vaccination certificates (EU DCC): staff issue and print a person's certificate; a citizen gets
// their own with their identity proof (POST, so the ID stays out of URLs), rate-limited.
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { actorOf, type AppContext } from '../../platform/context.js';
import { type App, errorResponses } from '../../platform/http.js';
import { personSubject, publicLimits } from '../../platform/rateLimit.js';
import type { PdfFile } from '../checkins/posters.js';
import { certificateConfigOf } from '../certificates/config.js';
import { certificatePdf } from '../certificates/pdf.js';
import { CATALOGUE, catalogueByCode } from './catalogue.js';
import { citizenVaccinationCertificate, type IssuedVaccinationCertificate, staffVaccinationCertificate } from './certificate.js';
import { CertificatePdfQuery, CertificatePersonParams, CitizenCertificateBody, IssueCertificateBody, VaccinationCertificate } from './certificate.schema.js';

const pdfResponse = { 200: { description: 'the certificate: one A4 page with the QR code', content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } } } };

function sendPdf(reply: FastifyReply, file: PdfFile) {
  // a personal document: never kept by a shared cache
  return reply.type('application/pdf').header('content-disposition', `inline; filename="${file.filename}"`)
    .header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(file.content);
}

export function vaccinationCertificateRoutes(app: App, ctx: AppContext): void {
  const catalogue = catalogueByCode(CATALOGUE);
  const config = certificateConfigOf(ctx.config);
  const verifyUrl = `${ctx.config.publicUrl}/verify`;
  const pdfOf = async ({ issued }: IssuedVaccinationCertificate) => certificatePdf(issued, verifyUrl);
  const secured = { onRequest: ctx.authenticate };
  const security = [{ bearer: [] }];
  const tags = ['vaccination: certificates'];

  app.post('/api/v1/vaccination/people/:personId/certificate', {
    ...secured,
    schema: {
      tags, security, params: CertificatePersonParams, body: IssueCertificateBody,
      summary: "Issue the person's EU DCC vaccination certificate for their latest dose (vaccination:read; the person in scope or vaccinated at a site in scope; audited with the reason); 422 without doses",
      response: { 201: VaccinationCertificate, ...errorResponses(400, 401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const issued = await staffVaccinationCertificate(ctx.db, config, actorOf(request), catalogue, request.params.personId, request.body.reason);
    return reply.status(201).send(issued.certificate);
  });

  app.get('/api/v1/vaccination/people/:personId/certificate.pdf', {
    ...secured,
    schema: {
      tags, security, params: CertificatePersonParams, querystring: CertificatePdfQuery,
      summary: "Issue and print the person's vaccination certificate (PDF; audited like the issue)",
      response: { ...pdfResponse, ...errorResponses(400, 401, 403, 404, 422) },
    },
  }, async (request, reply) => {
    const issued = await staffVaccinationCertificate(ctx.db, config, actorOf(request), catalogue, request.params.personId, request.query.reason ?? 'print vaccination certificate');
    return sendPdf(reply, await pdfOf(issued));
  });

  // a person asks for their certificate a few times; more about one code or ID is someone guessing
  const limits = publicLimits(app, { group: 'vaccination-certificate', perSubject: 10, subjectOf: (request) => personSubject(request.body) });
  app.post('/api/v1/open/vaccination/certificate', {
    preHandler: limits,
    schema: {
      tags: ['vaccination (citizens)'], body: CitizenCertificateBody,
      summary: 'Your vaccination certificate (EU DCC, HC1:…) with your personal code, or your national ID and birth year; 404 when nothing matches, 422 without doses',
      response: { 200: VaccinationCertificate, ...errorResponses(400, 404, 422, 429) },
    },
  }, async (request) => (await citizenVaccinationCertificate(ctx.db, config, catalogue, request.body)).certificate);

  app.post('/api/v1/open/vaccination/certificate.pdf', {
    preHandler: limits,
    schema: {
      tags: ['vaccination (citizens)'], body: CitizenCertificateBody,
      summary: 'Your vaccination certificate as a printable PDF (same details and answers as the certificate)',
      response: { ...pdfResponse, ...errorResponses(400, 404, 422, 429) },
    },
  }, async (request, reply) => sendPdf(reply, await pdfOf(await citizenVaccinationCertificate(ctx.db, config, catalogue, request.body))));
}
