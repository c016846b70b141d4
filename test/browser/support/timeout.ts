// Browser tests build pages in a real Chromium against a real local cloud:
// generous per-test time (a project-level `testTimeout` is ignored by jest).
jest.setTimeout(120_000)
