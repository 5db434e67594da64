// ESLint: typescript-eslint's strict, type-checked presets over src/, bench/ and test/.
// Rules switched off below are named one by one with the reason; nothing is disabled wholesale.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "results/", "**/*.mjs", "**/*.js"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Template literals with numbers are how every message and CSV cell here is written.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // noUncheckedIndexedAccess types every typed-array and tuple read as `T | undefined`; on the
      // hot paths a bounds-checked `x[i]!` is the honest form (indices are kept in range by the
      // structures themselves and checked by their reference-model tests).
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
