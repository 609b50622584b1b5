import * as vscode from 'vscode';
import type { StateModel } from './state';
import { followState, StatusView } from './statusModel';

/** The one status bar item. It follows the state model; no command touches it. */
export class FoundryStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('foundryIde.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: { dispose(): void };

  constructor(state: StateModel) {
    this.item.name = vscode.l10n.t('Foundry');
    this.subscription = followState(state, (view) => { this.render(view); }, vscode.l10n.t);
    this.item.show();
  }

  private render(view: StatusView): void {
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = view.command;
    this.item.backgroundColor =
      view.severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.severity === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.item.accessibilityInformation = { label: view.text.replace(/\$\([^)]*\)\s*/g, '') };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
