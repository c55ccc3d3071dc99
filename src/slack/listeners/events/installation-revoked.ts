import type { AllMiddlewareArgs, Context, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { errorMessage } from '../../errors.js';
import { installationKey } from '../../installations.js';

/** The installation an event came from (an org-wide install is found by its enterprise id). */
function queryOf(context: Context) {
  return {
    teamId: context.teamId,
    enterpriseId: context.enterpriseId,
    isEnterpriseInstall: context.isEnterpriseInstall === true,
  };
}

/** `app_uninstalled`: the workspace (or the org, for an org-wide install) removed the app; its installation goes. */
export function appUninstalled(deps: ListenerDeps) {
  return async ({ context }: SlackEventMiddlewareArgs<'app_uninstalled'> & AllMiddlewareArgs) => {
    if (!deps.installations) return;
    const query = queryOf(context);
    try {
      await deps.installations.deleteInstallation(query);
      deps.logger.info('uninstalled: installation deleted', { installation: installationKey(query) });
    } catch (error) {
      deps.logger.error('could not delete an uninstalled installation', {
        error: errorMessage(error) ?? String(error),
      });
    }
  };
}

/**
 * `tokens_revoked`: a revoked bot token deletes the installation (nothing is left to answer with);
 * revoked user tokens are removed from it, the bot's token kept.
 */
export function tokensRevoked(deps: ListenerDeps) {
  return async ({ event, context }: SlackEventMiddlewareArgs<'tokens_revoked'> & AllMiddlewareArgs) => {
    const installations = deps.installations;
    if (!installations) return;
    const query = queryOf(context);
    try {
      if (event.tokens.bot?.length) {
        await installations.deleteInstallation(query);
        deps.logger.info('bot token revoked: installation deleted', { installation: installationKey(query) });
        return;
      }
      const users = new Set(event.tokens.oauth ?? []);
      const installation = await installations.find(query);
      if (!installation?.user.token || !users.has(installation.user.id)) return;
      const { token: _revoked, refreshToken: _refresh, expiresAt: _expires, ...user } = installation.user;
      await installations.storeInstallation({ ...installation, user: { ...user, token: undefined } });
      deps.logger.info('user token revoked: removed from the installation', {
        installation: installationKey(query),
      });
    } catch (error) {
      deps.logger.error('could not apply a token revocation', {
        error: errorMessage(error) ?? String(error),
      });
    }
  };
}
