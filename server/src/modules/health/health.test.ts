import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withTestApp } from '../../testing/app.js';
import { engines } from '../../testing/databases.js';

for (const engine of engines()) {
  describe(`platform endpoints (${engine})`, () => {
    const t = withTestApp(engine);

    test('GET /api/health names the database engine', async () => {
      const { status, body } = await t().request('GET', '/api/health');
      assert.equal(status, 200);
      assert.equal(body.status, 'ok');
      assert.equal(body.database, engine);
      assert.match(body.version, /^\d+\.\d+\.\d+/);
    });

    test('GET /api/openapi.json documents every route with request and response schemas', async () => {
      const { status, body } = await t().request('GET', '/api/openapi.json');
      assert.equal(status, 200);
      assert.match(body.openapi, /^3\./);
      const routes = t().app.printRoutes({ commonPrefix: false });
      for (const path of ['/api/v1/people', '/api/v1/people/{id}', '/api/v1/units', '/api/v1/units/{code}', '/api/v1/users', '/api/v1/audit', '/api/v1/auth/login']) {
        assert.ok(body.paths[path], `${path} is documented`);
      }
      const createPerson = body.paths['/api/v1/people'].post;
      assert.ok(createPerson.requestBody.content['application/json'].schema, 'request schema');
      assert.ok(createPerson.responses['201'], 'response schema');
      assert.ok(createPerson.responses['400'], 'error schema');
      assert.ok(routes.length > 0);
    });

    test('an unknown API route answers 404 in the error shape, with a request id', async () => {
      const { status, body, headers } = await t().request('GET', '/api/v1/nothing-here');
      assert.equal(status, 404);
      assert.equal(body.error.code, 'not_found');
      assert.equal(body.error.requestId, headers['x-request-id']);
    });

    test('malformed JSON answers 400, not 500', async () => {
      const response = await t().app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": ' });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error.code, 'validation_failed');
      assert.ok(response.json().error.fields.body);
    });
  });
}
