using FoundryIde.Server.Credentials;
using FoundryIde.Tests.Support;

namespace FoundryIde.Tests.Credentials;

[TestClass]
public sealed class TokenClaimsTests
{
    [TestMethod]
    public void Identity_UserToken_ReadsTenantObjectAndUpn()
    {
        var token = Jwt.WithPayload("""{"tid":"t1","oid":"o1","upn":"alice@contoso.com","app_displayname":"Azure CLI"}""");

        var identity = TokenClaims.Identity(token);

        Assert.AreEqual(new Server.Rpc.IdentityInfo("t1", "o1", "alice@contoso.com"), identity);
    }

    [TestMethod]
    public void Identity_ServicePrincipalToken_ReadsAppDisplayName()
    {
        var identity = TokenClaims.Identity(Jwt.WithPayload("""{"tid":"t","oid":"o","appid":"a","app_displayname":"ci-bot"}"""));

        Assert.AreEqual("ci-bot", identity?.Name);
    }

    [TestMethod]
    public void Identity_ManagedIdentityToken_NamesTheIdentityResource()
    {
        var identity = TokenClaims.Identity(Jwt.WithPayload(
            """{"tid":"t","oid":"o","appid":"c","xms_mirid":"/subscriptions/s/resourcegroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/build-agent"}"""));

        Assert.AreEqual("managed identity build-agent", identity?.Name);
    }

    [TestMethod]
    [DataRow("not-a-jwt")]
    [DataRow("a.b.c")]
    [DataRow("eyJhbGciOiJub25lIn0.W10.x")]
    public void Identity_NotAJwtWithClaims_ReturnsNull(string token) => Assert.IsNull(TokenClaims.Identity(token));
}
