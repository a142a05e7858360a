import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./test/support/redis-global.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // A test that forgets to assert is a test that cannot fail.
    expect: { requireAssertions: true },
  },
});
