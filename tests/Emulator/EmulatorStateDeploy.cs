namespace FoundryIde.Emulator;

/// <summary>Queries and changes of the write side (resource groups, catalogue, quota, operations), under the state lock.</summary>
public sealed partial class EmulatorState
{
    /// <summary>The location of a resource group (created by PUT, or holding seeded accounts); null when it does not exist.</summary>
    public string? ResourceGroupLocation(string subscriptionId, string name)
    {
        lock (SyncRoot)
        {
            return ResourceGroups.FirstOrDefault(g => Same(g.SubscriptionId, subscriptionId) && Same(g.Name, name))?.Location
                ?? Accounts.FirstOrDefault(a => Same(a.SubscriptionId, subscriptionId) && Same(a.ResourceGroup, name))?.Location;
        }
    }

    /// <summary>Every resource group of a subscription: (name, location).</summary>
    public List<(string Name, string Location)> ListResourceGroups(string subscriptionId)
    {
        lock (SyncRoot)
        {
            return [.. ResourceGroups.Where(g => Same(g.SubscriptionId, subscriptionId)).Select(g => (g.Name, g.Location))
                .Concat(Accounts.Where(a => Same(a.SubscriptionId, subscriptionId)).Select(a => (a.ResourceGroup, a.Location)))
                .DistinctBy(g => g.Item1, StringComparer.OrdinalIgnoreCase)];
        }
    }

    public bool IsSoftDeleted(string accountName)
    {
        lock (SyncRoot)
        {
            return SoftDeletedAccounts.Any(n => Same(n, accountName));
        }
    }

    /// <summary>NotRegistered, Registering or Registered; a GET while Registering counts one poll down.</summary>
    public string CognitiveServicesRegistration(string subscriptionId, bool poll)
    {
        lock (SyncRoot)
        {
            if (CognitiveServicesRegistering.TryGetValue(subscriptionId, out var left))
            {
                if (left > 0)
                {
                    if (poll) CognitiveServicesRegistering[subscriptionId] = left - 1;
                    return "Registering";
                }

                CognitiveServicesRegistering.Remove(subscriptionId);
                CognitiveServicesUnregistered.RemoveAll(s => Same(s, subscriptionId));
                return "Registered";
            }

            return CognitiveServicesUnregistered.Any(s => Same(s, subscriptionId)) ? "NotRegistered" : "Registered";
        }
    }

    public void RegisterCognitiveServices(string subscriptionId)
    {
        lock (SyncRoot)
        {
            if (CognitiveServicesUnregistered.Any(s => Same(s, subscriptionId)) && !CognitiveServicesRegistering.ContainsKey(subscriptionId))
            {
                CognitiveServicesRegistering[subscriptionId] = OperationPolls;
            }
        }
    }

    public bool IsPurchaseBlocked(string subscriptionId)
    {
        lock (SyncRoot)
        {
            return PurchaseBlocked.Any(s => Same(s, subscriptionId));
        }
    }

    /// <summary>The catalogue entry of a location for that model, version and SKU.</summary>
    public CatalogueModelSeed? CatalogueEntry(string location, string format, string name, string version, string skuName)
    {
        lock (SyncRoot)
        {
            return ModelCatalogue.FirstOrDefault(m => Same(m.Location, location) && Same(m.Format, format) && Same(m.Name, name)
                && m.Version == version && Same(m.SkuName, skuName));
        }
    }

    public List<CatalogueModelSeed> Catalogue(string location)
    {
        lock (SyncRoot)
        {
            return [.. ModelCatalogue.Where(m => Same(m.Location, location))];
        }
    }

    /// <summary>The capacity a subscription uses under a usage name (Global Standard: across every location).</summary>
    public int Usage(string subscriptionId, string usageName, (string AccountId, string Deployment)? except = null)
    {
        lock (SyncRoot)
        {
            return Accounts.Where(a => Same(a.SubscriptionId, subscriptionId))
                .SelectMany(a => a.Deployments.Where(d => d.ProvisioningState != "Failed"
                    && Same($"AIServices.{d.SkuName}.{d.ModelName}", usageName)
                    && !(except is { } x && Same(x.AccountId, a.Id) && Same(x.Deployment, d.Name))))
                .Sum(d => d.Capacity);
        }
    }

    public int QuotaLimit(string subscriptionId, string usageName)
    {
        lock (SyncRoot)
        {
            return Quotas.FirstOrDefault(q => Same(q.SubscriptionId, subscriptionId) && Same(q.UsageName, usageName))?.Limit ?? 0;
        }
    }

    /// <summary>The first deployment fault matching the deployment or model name, used up by one PUT when counted.</summary>
    public DeployFaultSeed? TakeDeployFault(string deployment, string model)
    {
        lock (SyncRoot)
        {
            var fault = DeployFaults.FirstOrDefault(f => deployment.Contains(f.Match, StringComparison.OrdinalIgnoreCase)
                || model.Contains(f.Match, StringComparison.OrdinalIgnoreCase));
            if (fault is { Count: > 0 })
            {
                fault.Count--;
                if (fault.Count == 0) DeployFaults.Remove(fault);
            }

            return fault;
        }
    }

    /// <summary>One poll of an operation: InProgress until its polls are used up, then it ends and sets its resource's state.</summary>
    public OperationSeed? AdvanceOperation(string id)
    {
        lock (SyncRoot)
        {
            var operation = Operations.FirstOrDefault(o => Same(o.Id, id));
            if (operation is null || operation.Status != "InProgress")
            {
                return operation;
            }

            if (operation.PollsLeft-- > 0)
            {
                return operation;
            }

            operation.Status = operation.FailureCode is null ? "Succeeded" : "Failed";
            var account = Accounts.FirstOrDefault(a => Same(a.Id, operation.AccountId));
            if (account is not null && operation.Deployment is null)
            {
                account.ProvisioningState = operation.Status;
            }
            else if (account?.Deployments.FirstOrDefault(d => Same(d.Name, operation.Deployment!)) is { } deployment)
            {
                deployment.ProvisioningState = operation.Status;
            }

            return operation;
        }
    }

    /// <summary>One GET of an account (or of its deployment) whose write runs without an operation URL: advances that operation.</summary>
    public void AdvanceByGet(string accountId, string? deployment = null)
    {
        lock (SyncRoot)
        {
            if (Operations.FirstOrDefault(o => Same(o.AccountId, accountId) && o.Status == "InProgress"
                && (deployment is null ? o.Deployment is null : o.Deployment is not null && Same(o.Deployment, deployment))) is { } operation)
            {
                AdvanceOperation(operation.Id);
            }
        }
    }

    private static bool Same(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);
}
