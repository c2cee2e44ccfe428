using Procurement.Domain.Procurements;
using static Procurement.Domain.Procurements.ProcurementPhase;

namespace Procurement.Domain.Tests.Procurements;

public sealed class PhaseChangeTests
{
    private static readonly PhaseChangeFacts Ready = new(Collection, JoinedParticipants: 12, Requirements: 150, CategoriesWithoutRequirements: 0);

    [Theory]
    [InlineData(Collection, Compilation)]
    [InlineData(Compilation, Prioritisation)]
    [InlineData(Prioritisation, Review)]
    [InlineData(Review, Published)]
    public void Each_phase_moves_one_step_forward(ProcurementPhase from, ProcurementPhase to) =>
        Assert.Equal(PhaseChangeRefusal.None, PhaseChange.Check(Ready with { Current = from }, to, reason: null));

    [Theory]
    [InlineData(Collection, Prioritisation)]
    [InlineData(Collection, Published)]
    [InlineData(Compilation, Review)]
    [InlineData(Review, Compilation)]
    [InlineData(Prioritisation, Collection)]
    [InlineData(Collection, Collection)]
    public void Skipping_or_going_back_further_than_collection_is_refused(ProcurementPhase from, ProcurementPhase to) =>
        Assert.Equal(PhaseChangeRefusal.NotAdjacent, PhaseChange.Check(Ready with { Current = from }, to, reason: "för att"));

    [Fact]
    public void Collection_can_be_reopened_from_compilation_with_a_reason()
    {
        var compiling = Ready with { Current = Compilation };

        Assert.Equal(PhaseChangeRefusal.ReasonMissing, PhaseChange.Check(compiling, Collection, reason: " "));
        Assert.Equal(PhaseChangeRefusal.None, PhaseChange.Check(compiling, Collection, reason: "Tre kommuner bad om mer tid."));
    }

    [Fact]
    public void Nothing_follows_publication() =>
        Assert.All(ProcurementPhases.InOrder, to =>
            Assert.Equal(PhaseChangeRefusal.AlreadyPublished, PhaseChange.Check(Ready with { Current = Published }, to, "skäl")));

    [Fact]
    public void Guards_need_participants_requirements_and_a_requirement_in_every_category()
    {
        Assert.Equal(PhaseChangeRefusal.NoParticipants, PhaseChange.Check(Ready with { JoinedParticipants = 0 }, Compilation, null));
        Assert.Equal(PhaseChangeRefusal.NoRequirements, PhaseChange.Check(Ready with { Current = Compilation, Requirements = 0 }, Prioritisation, null));
        Assert.Equal(PhaseChangeRefusal.CategoryWithoutRequirements,
            PhaseChange.Check(Ready with { Current = Review, CategoriesWithoutRequirements = 1 }, Published, null));
    }

    [Theory]
    [InlineData(Collection, true, true, true)]
    [InlineData(Compilation, false, true, true)]
    [InlineData(Prioritisation, false, true, true)]
    [InlineData(Review, false, true, true)]
    [InlineData(Published, false, false, false)]
    public void What_each_phase_allows(ProcurementPhase phase, bool submissions, bool comments, bool editing)
    {
        Assert.Equal(submissions, phase.AcceptsSubmissions());
        Assert.Equal(comments, phase.AcceptsComments());
        Assert.Equal(editing, phase.SpecificationEditable());
    }
}
