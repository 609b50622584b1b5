using System.CommandLine;
using FoundryIde.Server.Cloud;
using FoundryIde.Server.Deploy;
using FoundryIde.Server.Hosting;
using FoundryIde.Server.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FoundryIde.Server.Cli;

public static class DeployCommand
{
    public static Command Create()
    {
        var subscription = new Option<string>("--subscription") { Description = "Subscription id or name.", Required = true };
        var resource = new Option<string>("--resource") { Description = "The Foundry resource's name (also its subdomain when created).", Required = true };
        var group = new Option<string?>("--resource-group") { Description = "Its resource group (required with --create when it is missing)." };
        var location = new Option<string?>("--location") { Description = "Region of a new resource; only regions whose catalogue offers Claude work." };
        var create = new Option<bool>("--create") { Description = "Create the resource group and the Foundry resource when missing." };
        var models = new Option<string?>("--models") { Description = "Families to deploy, comma-separated (default: every Claude family the region offers)." };
        var pins = new Option<string[]>("--model") { Description = "FAMILY=MODEL[@VERSION]: pin one family's model (repeatable).", AllowMultipleArgumentsPerToken = false };
        var capacity = new Option<int?>("--capacity")
        {
            Description = "Capacity of each new deployment, thousands of tokens per minute (default: the catalogue's).",
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
                if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)) return value;
                r.AddError($"--capacity {TrustedValues.Show(text)}: a whole number of thousands of tokens per minute, e.g. 50.");
                return null;
            },
        };
        var organization = new Option<string?>("--organization") { Description = "Your organisation's name, passed to Anthropic (modelProviderData)." };
        var industry = new Option<string?>("--industry") { Description = "Your industry, lower case (e.g. technology)." };
        var country = new Option<string?>("--country") { Description = "Two-letter country code (e.g. US)." };
        var grant = new Option<bool>("--grant-access") { Description = "Assign \"Azure AI User\" on the resource to the identity Claude Code will use, and wait until it applies." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan (every ARM call) and the preflight verdicts; write nothing." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var cloud = new CloudOptions();
        var command = new Command("deploy",
            "Creates (with --create) the Foundry resource and the Claude deployments, after every preflight: permissions, name, region, " +
            "quota, Marketplace terms, organisation details, deployments in the way. Idempotent. Exit code 0 when every asked model is " +
            "deployed and Succeeded (a dry run: when no preflight fails), 1 otherwise.")
        {
            subscription, resource, group, location, create, models, pins, capacity, organization, industry, country, grant, dryRun, json,
        };
        cloud.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync("deploy", async () =>
        {
            using var host = FoundryServices.CreateBuilder(LogLevel.Warning).Build();
            host.Services.GetRequiredService<AzureConnections>().Configure(cloud.Read(parse));
            var request = new DeployParams(
                parse.GetValue(subscription)!, parse.GetValue(resource)!, parse.GetValue(group), parse.GetValue(location), parse.GetValue(create),
                parse.GetValue(models)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), parse.GetValue(pins),
                parse.GetValue(capacity), parse.GetValue(organization), parse.GetValue(industry), parse.GetValue(country), parse.GetValue(grant));
            var quiet = parse.GetValue(json);
            void Progress(string message)
            {
                if (!quiet) Console.Error.WriteLine("… " + TrustedValues.Printable(message));
            }

            var service = host.Services.GetRequiredService<DeployService>();
            var result = parse.GetValue(dryRun)
                ? await service.PlanAsync(request, DeployWords.Cli, Progress, cancellationToken)
                : await service.ApplyAsync(request, DeployWords.Cli, Progress, cancellationToken);
            Console.Out.WriteLine(quiet ? CliJson.Serialize(result) : DeployTextRenderer.Render(result));
            return DeployService.ExitCode(result);
        }, parse.GetValue(json)));
        return command;
    }
}
