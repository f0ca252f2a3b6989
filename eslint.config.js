// ESLint flat config for the whole repository (`npm run lint` = `eslint .`).
// TypeScript is linted with type information (typescript-eslint's project service finds
// server/tsconfig.json and web/tsconfig.json); plain .js/.mjs scripts are linted as JavaScript.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node's globals for plain JavaScript scripts (no `globals` package needed for this handful). */
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'AbortController',
    'TextEncoder', 'TextDecoder', 'structuredClone', 'queueMicrotask', 'performance',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(['**/node_modules/', 'web/dist/', 'data/', '.test-cache/', 'bench/results/', '**/*.tsbuildinfo']),

  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,

  // TypeScript: type-aware rules.
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        // bench/tsconfig.json and bench/presence/tsconfig.json point the project service at bench/ files.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Rules the team requires.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe()/test() return promises the runner itself tracks.
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'suite', 'test', 'it'] }],
        },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: true },
      ],
      // Practical adjustments to strictTypeChecked.
      // `onClick={() => setOpen(false)}` and `return () => controller.abort()` are idiomatic; this
      // rule flagged ~40 of them and nothing else.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // noUncheckedIndexedAccess types every array/record read as possibly undefined; `xs[i]!` after a
      // bounds check is the codebase's idiom (~40 hits, no bugs among them).
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `while (true)` loops are fine.
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: 'only-allowed-literals' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-misused-promises': [
        'error',
        // React's onClick={async () => …} is fine: the handlers catch their own errors.
        { checksVoidReturn: { attributes: false } },
      ],
      // With noUncheckedIndexedAccess every regex group and split() piece is `string | undefined`;
      // refusing them in template literals would only add `!` noise to messages.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: false, allowRegExp: false },
      ],
    },
  },

  // Tests and test helpers parse JSON bodies into `any`: allow that there.
  {
    files: ['**/*.test.ts', '**/*.testkit.ts', 'server/src/testing/**', 'web/e2e/**'],
    rules: {
      // `let browser: Browser` assigned in before() is still undefined in after() when before() failed,
      // so `browser?.close()` is right although the type says otherwise.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: true, allowRegExp: false },
      ],
    },
  },

  // Plain JavaScript (this file, scripts/*.mjs): no type information.
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
);
