import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'bench/**/*.test.ts', 'worker/**/*.test.ts', 'extension/**/*.test.ts', 'e2e/sites/**/*.test.ts'],
    environment: 'node',
  },
});
