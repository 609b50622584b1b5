import * as vscode from 'vscode';
import { updateSetting } from '../config';
import { Services } from '../services';
import type { Selection } from '../statusModel';
import { apiKeySecretName, legacyApiKeySecretName } from '../trustPolicy';
import { applyConfigured, resolveHandEdited } from './configure';

/** The selection with its ARM id (a resource named by hand is looked up in the listing), or undefined after saying why. */
export async function withId(services: Services, selection: Selection): Promise<(Selection & { id: string }) | undefined> {
  if (!selection.id && !(await resolveHandEdited(services, selection))) {
    return undefined;
  }
  const resolved = selection.id ? selection : services.selection.get();
  return resolved?.id ? { ...resolved, id: resolved.id } : undefined;
}

export async function setApiKey(services: Services): Promise<void> {
  const current = services.selection.get();
  if (!current) {
    await vscode.commands.executeCommand('foundryIde.selectResource');
    return;
  }
  const selection = await withId(services, current);
  if (!selection) {
    return;
  }
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('API key of {0}', selection.resource),
    prompt: vscode.l10n.t('Kept in VS Code\'s SecretStorage only; given to new terminals, never written to a settings file.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The key is empty.')),
  });
  if (!key) {
    return;
  }
  // Stored under the resource's ARM id: it is only ever sent to this resource.
  await services.context.secrets.store(apiKeySecretName(selection.id), key.trim());
  await services.context.secrets.delete(legacyApiKeySecretName(selection.resource));
  services.log.info(`API key stored for ${selection.id}`);
  services.state.setKeyMissing(false);
  if (selection.auth !== 'key') {
    const use = vscode.l10n.t('Use the Key');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Claude Code uses Entra ID for {0} now. Use the key instead?', selection.resource), use);
    if (choice === use) {
      await updateSetting('auth', 'key');
      return; // the configuration change re-applies
    }
  }
  await applyConfigured(services);
}

export async function clearApiKey(services: Services): Promise<void> {
  const selection = services.selection.get();
  if (!selection) {
    return;
  }
  if (selection.id) {
    await services.context.secrets.delete(apiKeySecretName(selection.id));
  }
  await services.context.secrets.delete(legacyApiKeySecretName(selection.resource));
  services.log.info(`API key removed for ${selection.id ?? selection.resource}`);
  if (selection.auth === 'key') {
    await updateSetting('auth', 'entra');
  } else {
    await applyConfigured(services);
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('The API key of {0} was removed; Claude Code uses Entra ID.', selection.resource));
}
