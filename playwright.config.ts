import { defineConfig } from '@playwright/test'

/**
 * Playwright for the end-to-end journeys. Run through `npm run test:e2e` (tests/e2e/run.ts), which
 * starts the production server and sets E2E_BASE_URL. Only Debian's Chromium is used: never a
 * downloaded browser (`npx playwright install` does not work here and must not be needed).
 */
export default defineConfig({
  testDir: 'tests/e2e/specs',
  testMatch: '**/*.spec.ts',
  outputDir: 'tests/e2e/.artifacts/results',
  // One PGlite serves one transaction at a time and CI has two cores: one worker, in file order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000',
    // A Chinese county's browsers: the app must default to zh-CN, and the language cookie must win over this.
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    navigationTimeout: 30_000,
    actionTimeout: 10_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      // Playwright gives every launch a fresh temporary user-data-dir of its own.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
})
