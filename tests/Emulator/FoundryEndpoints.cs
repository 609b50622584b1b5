using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FoundryIde.Emulator;

/// <summary>
/// The Foundry Anthropic endpoint: POST /anthropic/v1/messages (account from the Host header
/// {customSubDomain}.services.ai.azure.com; on a bare 127.0.0.1/localhost host, the first AIServices account) and
/// POST /accounts/{customSubDomain}/anthropic/v1/messages (path style); both also with /count_tokens.
/// </summary>
internal static class FoundryEndpoints
{
    private static readonly string[] AccountHostSuffixes = [".services.ai.azure.com", ".cognitiveservices.azure.com", ".openai.azure.com"];
    private static readonly string[] CognitiveAudiences = ["https://cognitiveservices.azure.com", "https://ai.azure.com"];

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emu)
    {
        foreach (var prefix in new[] { "/anthropic/v1", "/accounts/{sub}/anthropic/v1" })
        {
            app.MapPost($"{prefix}/messages", (RequestDelegate)(ctx => HandleAsync(ctx, emu, countTokens: false)));
            app.MapPost($"{prefix}/messages/count_tokens", (RequestDelegate)(ctx => HandleAsync(ctx, emu, countTokens: true)));
        }
    }

    private static async Task HandleAsync(HttpContext ctx, EmulatorContext emu, bool countTokens)
    {
        ctx.Response.Headers["apim-request-id"] = HttpHelpers.NewRequestId();
        ctx.Response.Headers["x-ms-region"] = "East US 2";
        var account = ResolveAccount(ctx, emu);
        if (account is null)
        {
            await ctx.WriteAzureErrorAsync(404, "404", "Resource not found");
            return;
        }

        ctx.Note().Account = account.Name;
        if (!await AuthorizeAsync(ctx, emu, account))
        {
            return;
        }

        var body = await ctx.ReadJsonOrNullAsync() as JsonObject;
        if (body is null)
        {
            await AnthropicResponder.WriteErrorAsync(ctx, 400, "invalid_request_error", "The request body is not valid JSON.");
            return;
        }

        var model = body["model"] is JsonValue v && v.TryGetValue<string>(out var m) ? m : null;
        if (string.IsNullOrEmpty(model))
        {
            await AnthropicResponder.WriteErrorAsync(ctx, 400, "invalid_request_error", "model: Field required");
            return;
        }

        ctx.Note().Deployment = model;
        if (!countTokens)
        {
            ctx.Note().Messages = new MessagesBody
            {
                Model = model,
                Thinking = body["thinking"]?.ToJsonString(),
                OutputConfig = body["output_config"]?.ToJsonString(),
                Temperature = body["temperature"]?.ToJsonString(),
                Keys = [.. body.Select(p => p.Key)],
                Betas = [.. ctx.Request.Headers["anthropic-beta"].SelectMany(h => (h ?? "").Split(',')).Select(b => b.Trim()).Where(b => b.Length > 0)],
            };
        }

        var deployment = emu.State.ListDeployments(account).FirstOrDefault(d => d.Name.Equals(model, StringComparison.OrdinalIgnoreCase));
        if (deployment is null || !deployment.ModelFormat.Equals("Anthropic", StringComparison.OrdinalIgnoreCase)
            || !deployment.ProvisioningState.Equals("Succeeded", StringComparison.OrdinalIgnoreCase))
        {
            var why = deployment is null
                ? "does not exist"
                : !deployment.ModelFormat.Equals("Anthropic", StringComparison.OrdinalIgnoreCase)
                    ? $"is a {deployment.ModelFormat} model, not an Anthropic model"
                    : $"is not ready (provisioningState {deployment.ProvisioningState})";
            await AnthropicResponder.WriteErrorAsync(ctx, 404, "not_found_error",
                $"model: The deployment '{model}' {why} on resource '{account.CustomSubDomainName}'. " +
                "Use the name of an Anthropic model deployment of this Foundry resource as the model.");
            return;
        }

        if (countTokens)
        {
            await ctx.WriteJsonAsync(new JsonObject { ["input_tokens"] = AnthropicResponder.EstimateInputTokens(body) });
            return;
        }

        if (body["max_tokens"] is null)
        {
            await AnthropicResponder.WriteErrorAsync(ctx, 400, "invalid_request_error", "max_tokens: Field required");
            return;
        }

        if (body["messages"] is not JsonArray)
        {
            await AnthropicResponder.WriteErrorAsync(ctx, 400, "invalid_request_error", "messages: Field required");
            return;
        }

        string reply;
        lock (emu.State.SyncRoot)
        {
            reply = deployment.ReplyText ?? emu.State.ReplyText;
        }

        var stream = body["stream"] is JsonValue s && s.TryGetValue<bool>(out var b) && b;
        await (stream
            ? AnthropicResponder.StreamAsync(ctx, deployment, body, reply, emu.Options.StreamEventDelay)
            : AnthropicResponder.WriteMessageAsync(ctx, deployment, body, reply));
    }

    private static AccountSeed? ResolveAccount(HttpContext ctx, EmulatorContext emu)
    {
        if (ctx.Route("sub") is string sub)
        {
            return AIServicesOnly(emu.State.FindAccountBySubDomain(sub));
        }

        var host = ctx.Request.Host.Host;
        foreach (var suffix in AccountHostSuffixes)
        {
            if (host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return AIServicesOnly(emu.State.FindAccountBySubDomain(host[..^suffix.Length]));
            }
        }

        lock (emu.State.SyncRoot)
        {
            return emu.State.Accounts.FirstOrDefault(a => a.Kind.Equals("AIServices", StringComparison.OrdinalIgnoreCase));
        }
    }

    private static AccountSeed? AIServicesOnly(AccountSeed? account) =>
        account is not null && account.Kind.Equals("AIServices", StringComparison.OrdinalIgnoreCase) ? account : null;

    /// <summary>Key (x-api-key / api-key) or Entra bearer token with a data action covering the Anthropic endpoint.</summary>
    private static async Task<bool> AuthorizeAsync(HttpContext ctx, EmulatorContext emu, AccountSeed account)
    {
        var note = ctx.Note();
        var key = ctx.Request.Headers["x-api-key"].ToString();
        if (key.Length == 0)
        {
            key = ctx.Request.Headers["api-key"].ToString();
        }

        if (key.Length > 0)
        {
            note.AuthKind = "key";
            if (account.DisableLocalAuth)
            {
                await ctx.WriteAzureErrorAsync(403, "AuthenticationTypeDisabled", "Key based authentication is disabled for this resource.");
                return false;
            }

            if (key == account.Key1 || key == account.Key2)
            {
                return true;
            }

            await ctx.WriteAzureErrorAsync(401, "401",
                "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active " +
                "subscription and use a correct regional API endpoint for your resource.");
            return false;
        }

        var raw = ctx.BearerToken();
        if (raw is null)
        {
            await ctx.WriteAzureErrorAsync(401, "401",
                "Access denied due to missing subscription key or token. Make sure to include a key (x-api-key) or an Entra ID bearer token.");
            return false;
        }

        note.AuthKind = "bearer";
        var token = emu.Tokens.Find(raw);
        if (token is not null)
        {
            note.PrincipalId = token.ObjectId;
            note.Audience = token.Audience;
        }

        if (token is null || emu.Tokens.IsExpired(token) || !CognitiveAudiences.Any(a => TokenIssuer.SameAudience(a, token.Audience)))
        {
            await ctx.WriteAzureErrorAsync(401, "401",
                "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.");
            return false;
        }

        var grants = emu.State.GrantsCovering(token.ObjectId, account.Id);
        if (RolePermissions.AllowsDataAction(grants, RolePermissions.AnthropicDataAction))
        {
            return true;
        }

        await ctx.WriteAzureErrorAsync(emu.State.DataActionDeniedStatus, "PermissionDenied",
            $"The principal `{token.ObjectId}` lacks the required data action `{RolePermissions.AnthropicDataAction}` " +
            "to perform `POST /anthropic/v1/*` operation.");
        return false;
    }
}
