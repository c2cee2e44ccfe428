using Procurement.Domain.Identity;
using Procurement.Domain.Organisations;

namespace Procurement.Domain.Tests.Identity;

public sealed class RolesTests
{
    private static readonly Guid Adda = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    [Theory]
    [InlineData(Roles.Administrator, OrganisationKind.CentralPurchasingBody, true)]
    [InlineData(Roles.ProcurementOfficer, OrganisationKind.CentralPurchasingBody, true)]
    [InlineData(Roles.ProcurementOfficer, OrganisationKind.Municipality, false)]
    [InlineData(Roles.MunicipalityRepresentative, OrganisationKind.Municipality, true)]
    [InlineData(Roles.MunicipalityRepresentative, OrganisationKind.Region, true)]
    [InlineData(Roles.MunicipalityRepresentative, OrganisationKind.Supplier, false)]
    [InlineData(Roles.Supplier, OrganisationKind.Supplier, true)]
    [InlineData(Roles.Supplier, OrganisationKind.CentralPurchasingBody, false)]
    [InlineData("Kung", OrganisationKind.Municipality, false)]
    public void Each_role_belongs_to_one_kind_of_organisation(string role, OrganisationKind kind, bool fits) =>
        Assert.Equal(fits, Roles.FitsOrganisation(role, kind));

    [Fact]
    public void Administrators_may_invite_every_role_anywhere()
    {
        Assert.All(Roles.All, role => Assert.True(Roles.MayInvite([Roles.Administrator], Adda, role, Other)));
        Assert.False(Roles.MayInvite([Roles.Administrator], Adda, "Kung", Other));
    }

    [Fact]
    public void Officers_invite_representatives_and_colleagues_in_their_own_body_only()
    {
        string[] officer = [Roles.ProcurementOfficer];

        Assert.True(Roles.MayInvite(officer, Adda, Roles.MunicipalityRepresentative, Other));
        Assert.True(Roles.MayInvite(officer, Adda, Roles.ProcurementOfficer, Adda));
        Assert.False(Roles.MayInvite(officer, Adda, Roles.ProcurementOfficer, Other));
        Assert.False(Roles.MayInvite(officer, Adda, Roles.Administrator, Adda));
        Assert.False(Roles.MayInvite(officer, Adda, Roles.Supplier, Other));
    }

    [Fact]
    public void Representatives_and_suppliers_invite_nobody()
    {
        Assert.All(Roles.All, role => Assert.False(Roles.MayInvite([Roles.MunicipalityRepresentative], Adda, role, Adda)));
        Assert.All(Roles.All, role => Assert.False(Roles.MayInvite([Roles.Supplier], Adda, role, Adda)));
    }

    [Fact]
    public void Only_officers_and_administrators_need_two_factor() =>
        Assert.Equal([Roles.Administrator, Roles.ProcurementOfficer], Roles.RequiringTwoFactor.Order());
}
