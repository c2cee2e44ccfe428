using Procurement.Domain.Procurements;
using Procurement.Domain.Requirements;

namespace Procurement.Domain.Tests.Procurements;

public sealed class ProcurementAccessTests
{
    [Fact]
    public void Only_officers_of_the_owning_body_manage()
    {
        Assert.True(new ProcurementAccess(IsOwnerOfficer: true, IsAdministrator: false, Participation: null).CanManage);
        Assert.False(new ProcurementAccess(false, IsAdministrator: true, null).CanManage);
        Assert.False(new ProcurementAccess(false, false, ParticipationStatus.Joined).CanManage);
    }

    [Theory]
    [InlineData(ParticipationStatus.Joined, true, true, true)]
    [InlineData(ParticipationStatus.Invited, false, true, false)]
    [InlineData(ParticipationStatus.Declined, false, true, false)]
    public void Municipalities_see_the_workspace_and_submit_only_once_they_have_joined(ParticipationStatus status, bool workspace, bool overview, bool submit)
    {
        var access = new ProcurementAccess(false, false, status);

        Assert.Equal(workspace, access.CanSeeWorkspace);
        Assert.Equal(overview, access.CanSeeOverview);
        Assert.Equal(submit, access.CanSubmit(ProcurementPhase.Collection));
        Assert.False(access.CanSubmit(ProcurementPhase.Compilation));
    }

    [Fact]
    public void Strangers_see_nothing()
    {
        var stranger = new ProcurementAccess(false, false, null);

        Assert.False(stranger.CanSeeOverview);
        Assert.False(stranger.CanSeeWorkspace);
        Assert.False(stranger.CanComment(ProcurementPhase.Collection));
    }

    [Theory]
    [InlineData("48000000-8", true)]
    [InlineData("72000000-5", true)]
    [InlineData("48000000", false)]
    [InlineData("4800000-08", false)]
    [InlineData("48000000-X", false)]
    public void Cpv_codes_are_eight_digits_a_hyphen_and_a_check_digit(string code, bool valid) =>
        Assert.Equal(valid, CpvCode.IsValid(code));

    [Fact]
    public void Kinds_are_read_the_way_people_write_them()
    {
        foreach (var (text, kind) in new[] { ("SKA", RequirementKind.Ska), (" ska-krav ", RequirementKind.Ska), ("Bör", RequirementKind.Bor), ("BOR", RequirementKind.Bor), ("kvalificeringskrav", RequirementKind.Kval), ("Särskilt kontraktsvillkor", RequirementKind.Kv) })
        {
            Assert.True(RequirementKinds.TryParse(text, out var parsed), text);
            Assert.Equal(kind, parsed);
        }

        Assert.False(RequirementKinds.TryParse("kanske", out _));
        Assert.Equal("BÖR", RequirementKind.Bor.Code());
    }

    [Fact]
    public void Codes_read_section_category_position_and_version()
    {
        Assert.Equal("K-3.2.1:2", new RequirementCode(SpecificationSection.Specification, 2, 1).WithVersion(2));
        Assert.Equal("K-2.4", new RequirementCode(SpecificationSection.Qualification, null, 4).ToString());
        Assert.True(SpecificationSection.Qualification.Allows(RequirementKind.Kval));
        Assert.False(SpecificationSection.Specification.Allows(RequirementKind.Kval));
        Assert.False(SpecificationSection.ContractTerms.Allows(RequirementKind.Ska));
    }
}
