/**
 * Smoke test of the browser test infrastructure, run in every engine:
 * workspace packages resolve to their TypeScript sources, nanostores'
 * `process.env` shim is present, IndexedDB works, msw intercepts fetch.
 */
import { SegkitError, checkSegmentName } from '@segkit/core';
import { http, HttpResponse } from 'msw';
import { expect, expectReject } from './setup/expect.js';
import { resetHandlers, startMockWorker } from './setup/msw.js';

describe('test infrastructure', () => {
  describe('@segkit/core from source', () => {
    it('normalises a segment name', () => {
      expect(checkSegmentName('  VIPs ', [])).to.equal('VIPs');
    });

    it('throws a typed SegkitError', () => {
      let caught: unknown;
      try {
        checkSegmentName('', []);
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.an.instanceOf(SegkitError);
      expect((caught as SegkitError).code).to.equal('name-invalid');
    });

    it('expectReject checks the error code', async () => {
      const error = await expectReject(Promise.reject(new SegkitError('not-found', 'gone')), 'not-found');
      expect(error).to.be.an.instanceOf(SegkitError);
    });
  });

  describe('IndexedDB', () => {
    it('opens a database, writes and reads back', async () => {
      const name = `segkit-smoke-${Math.random().toString(36).slice(2)}`;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name, 1);
        request.onupgradeneeded = () => request.result.createObjectStore('things', { keyPath: 'id' });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('things', 'readwrite');
          tx.objectStore('things').put({ id: 'a', name: 'VIPs', tags: ['x'] });
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        const value = await new Promise<unknown>((resolve, reject) => {
          const request = db.transaction('things', 'readonly').objectStore('things').get('a');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        expect(value).to.deep.equal({ id: 'a', name: 'VIPs', tags: ['x'] });
      } finally {
        db.close();
        indexedDB.deleteDatabase(name);
      }
    });
  });

  describe('msw', () => {
    before(() => startMockWorker([http.get('/api/ping', () => HttpResponse.json({ pong: true }))]));
    afterEach(() => resetHandlers());

    it('intercepts fetch with a handler', async () => {
      const response = await fetch('/api/ping');
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({ pong: true });
    });

    it('lets a test override a handler', async () => {
      const worker = await startMockWorker();
      worker.use(http.get('/api/ping', () => HttpResponse.json({ error: 'down' }, { status: 503 })));
      const response = await fetch('/api/ping');
      expect(response.status).to.equal(503);
    });

    it('fails requests no handler matches (onUnhandledRequest: error)', async () => {
      // msw logs the unhandled request and answers 500 (or the fetch rejects);
      // either way the request never reaches the test server (which would answer 404).
      const { error, warn } = console;
      console.error = console.warn = () => {};
      try {
        const outcome = await fetch('/api/not-mocked').then(
          (response) => response.status,
          () => 'network-error',
        );
        expect(outcome).to.be.oneOf([500, 'network-error']);
      } finally {
        await new Promise((resolve) => setTimeout(resolve, 50)); // msw logs after answering
        console.error = error;
        console.warn = warn;
      }
    });
  });
});
