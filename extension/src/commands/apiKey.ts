import * as vscode from 'vscode';
import { apiKeySecretName, updateSetting } from '../config';
import { Services } from '../services';
import { applyConfigured } from './configure';

export async function setApiKey(services: Services): Promise<void> {
  const selection = services.selection.get();
  if (!selection) {
    await vscode.commands.executeCommand('foundryIde.selectResource');
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
  await services.context.secrets.store(apiKeySecretName(selection.resource), key.trim());
  services.log.info(`API key stored for ${selection.resource}`);
  services.statusBar.update({ health: services.statusBar.current.health ? { ...services.statusBar.current.health, keyMissing: false } : undefined });
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
  await services.context.secrets.delete(apiKeySecretName(selection.resource));
  services.log.info(`API key removed for ${selection.resource}`);
  if (selection.auth === 'key') {
    await updateSetting('auth', 'entra');
  } else {
    await applyConfigured(services);
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('The API key of {0} was removed; Claude Code uses Entra ID.', selection.resource));
}
