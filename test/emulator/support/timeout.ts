/** The machine is shared (2 cores, several suites): allow slow hooks and tests without timing anything. */
jest.setTimeout(30_000)
