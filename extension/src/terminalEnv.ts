// The Foundry variables → the operations on `context.environmentVariableCollection`. Pure (no `vscode` import).
// The collection is non-persistent (the key must not reach VS Code's storage on disk), so the extension applies
// the plan again at every activation from what it stored (non-secret values) and SecretStorage (the key).
import type { EnvVariable } from './sidecar/protocol';

export const ApiKeyVariable = 'ANTHROPIC_FOUNDRY_API_KEY';

export type EnvOperation = { op: 'clear' } | { op: 'replace'; name: string; value: string };

export interface EnvPlan {
  operations: EnvOperation[];
  /** Names whose value came from SecretStorage (for the log: names only, never values). */
  secrets: string[];
  /** Secret variables that had no value to inject (key auth without a stored key). */
  missing: string[];
}

/**
 * `variables` are what `env/generate` returned (a secret's value is "***" there); `apiKey` is the key from
 * SecretStorage. The collection is cleared first, so variables of a previous resource (a BASE_URL after switching
 * to a RESOURCE, a key after switching to Entra ID) do not survive a switch.
 */
export function planTerminalEnv(variables: readonly EnvVariable[], apiKey: string | undefined): EnvPlan {
  const operations: EnvOperation[] = [{ op: 'clear' }];
  const secrets: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const variable of variables) {
    if (seen.has(variable.name)) {
      continue;
    }
    seen.add(variable.name);
    if (variable.secret) {
      if (variable.name === ApiKeyVariable && apiKey) {
        operations.push({ op: 'replace', name: variable.name, value: apiKey });
        secrets.push(variable.name);
      } else {
        missing.push(variable.name);
      }
      continue;
    }
    operations.push({ op: 'replace', name: variable.name, value: variable.value });
  }
  return { operations, secrets, missing };
}

/** What is stored between sessions: never a secret's value. */
export function storableVariables(variables: readonly EnvVariable[]): EnvVariable[] {
  return variables.map((v) => (v.secret ? { ...v, value: '' } : v));
}
