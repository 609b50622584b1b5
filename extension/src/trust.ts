// Workspace trust and what a folder may decide: Restricted Mode gates, the key by ARM id, consent to a folder's
// write targets, the warning about user-only settings a folder tries to set. The rules are in trustPolicy.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from './services';
import {
  consentDecision,
  consentedTargets,
  consentSignature,
  ConsentRequest,
  ignoredWorkspaceSettings,
  StoredConsent,
  targetsNeedingConsent,
  WriteTarget,
} from './trustPolicy';

export { readApiKey } from './trustPolicy';

const Section = 'foundryIde';

/**
 * In Restricted Mode: says what is off, with a button to the trust editor, and resolves to false. `action` completes
 * "Trust it to …" (translated by the caller).
 */
export async function requireTrust(services: Services, action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) {
    return true;
  }
  services.log.warn(`Restricted Mode: not done (${action})`);
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('This folder is not trusted: in Restricted Mode FoundryIde lists and diagnoses, but writes no file, gives terminals no variables and runs no command. Trust it to {0}.', action),
    manage,
  );
  if (choice === manage) {
    await vscode.commands.executeCommand('workbench.trust.manage');
  }
  return false;
}

const ConsentKey = 'foundryIde.consent.workspaceTargets';

export type ConsentPrompt = 'never' | 'unanswered' | 'always';

/** The file a target writes, as the person is asked about it. */
export type TargetPaths = Partial<Record<WriteTarget, string>>;

/**
 * `effective` are the targets the settings name. Targets that only this folder's settings ask for (a `writeTo` that
 * adds a file target, a `dotenvPath`) need the person's consent, once per folder and request: a modal names the exact
 * paths. "No" skips those targets (remembered); the rest is applied. `prompt`: 'never' for the automatic re-apply after
 * a settings change (an unanswered request is skipped, no dialog pops up on its own), 'always' for the Configure
 * command (a refusal is asked about again).
 */
export async function consentToWorkspaceTargets(
  services: Services,
  folder: vscode.Uri | undefined,
  effective: WriteTarget[],
  describe: (needing: WriteTarget[]) => Promise<TargetPaths>,
  prompt: ConsentPrompt,
): Promise<{ targets: WriteTarget[]; paths: TargetPaths }> {
  const c = vscode.workspace.getConfiguration(Section, folder);
  const needing = targetsNeedingConsent(c.inspect<WriteTarget[]>('writeTo') ?? {}, c.inspect<string>('dotenvPath') ?? {}, effective);
  if (needing.length === 0 || !folder) {
    return { targets: effective, paths: {} };
  }
  // The exact paths (and where a link leads) come from the sidecar, which is what will write them.
  const paths = await describe(needing);
  const request: ConsentRequest = { targets: needing, paths: needing.map((t) => paths[t] ?? t) };
  const all = services.context.globalState.get<Record<string, StoredConsent>>(ConsentKey) ?? {};
  const key = folder.toString();
  let decision = consentDecision(all[key], request);
  if (decision === 'ask' && prompt === 'never') {
    services.log.info(`workspace write targets ${needing.join(', ')} skipped: not allowed yet (run "Foundry: Configure Claude Code")`);
    return { targets: consentedTargets(effective, needing, false), paths };
  }
  if (decision === 'ask' || (decision === 'denied' && prompt === 'always')) {
    const allow = vscode.l10n.t('Allow');
    const deny = vscode.l10n.t('Don\'t Allow');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('The settings of the folder {0} ask FoundryIde to write:', path.basename(folder.fsPath)),
      { modal: true, detail: `${request.paths.join('\n')}\n\n${vscode.l10n.t('Allow writing these files for this folder?')}` },
      allow,
      deny,
    );
    if (choice === undefined) {
      services.log.info('workspace write targets: the consent dialog was closed; skipped this time');
      return { targets: consentedTargets(effective, needing, false), paths };
    }
    decision = choice === allow ? 'allowed' : 'denied';
    await services.context.globalState.update(ConsentKey, { ...all, [key]: { request: consentSignature(request), allowed: decision === 'allowed' } });
  }
  services.log.info(`workspace write targets ${needing.join(', ')} (${request.paths.join(', ')}): ${decision}`);
  return { targets: consentedTargets(effective, needing, decision === 'allowed'), paths };
}

const IgnoredShownKey = 'foundryIde.ignoredWorkspaceSettings';

/**
 * Cloud, endpoints, tenant and Foundry suffix are read from the user's settings only. When a workspace or folder sets
 * them, the log says so each time, and a warning shows once per folder and set of settings.
 */
export async function warnIgnoredWorkspaceSettings(services: Services): Promise<void> {
  const c = vscode.workspace.getConfiguration(Section, vscode.workspace.workspaceFolders?.[0]?.uri);
  const ignored = ignoredWorkspaceSettings((key) => c.inspect(key));
  if (ignored.length === 0) {
    return;
  }
  const names = ignored.map((k) => `${Section}.${k}`).join(', ');
  services.log.warn(`ignored in the workspace settings (they are read from your user settings only): ${names}`);
  if (services.context.workspaceState.get<string>(IgnoredShownKey) === names) {
    return;
  }
  await services.context.workspaceState.update(IgnoredShownKey, names);
  void vscode.window.showWarningMessage(
    vscode.l10n.t('This folder\'s settings set {0}: FoundryIde ignores them and uses your user settings (they decide where credentials are sent).', names),
  );
}
