using Procurement.Domain.Invitations;

namespace Procurement.Domain.Tests.Invitations;

public sealed class InvitationTests
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_invitation_is_open_for_seven_days_and_then_expires()
    {
        var invitation = New();

        Assert.Equal(InvitationState.Open, invitation.StateAt(Sent));
        Assert.Equal(InvitationState.Open, invitation.StateAt(Sent.AddDays(7).AddTicks(-1)));
        Assert.Equal(InvitationState.Expired, invitation.StateAt(Sent.AddDays(7)));
    }

    [Fact]
    public void Used_and_revoked_win_over_expiry()
    {
        var used = New() with { AcceptedAt = Sent.AddHours(1) };
        var revoked = New() with { RevokedAt = Sent.AddHours(2) };

        Assert.Equal(InvitationState.Used, used.StateAt(Sent.AddDays(30)));
        Assert.Equal(InvitationState.Revoked, revoked.StateAt(Sent.AddDays(30)));
        Assert.Equal(InvitationState.Revoked, (used with { RevokedAt = Sent }).StateAt(Sent.AddHours(3)));
    }

    [Fact]
    public void Tokens_are_random_url_safe_and_stored_only_as_a_hash()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => SecretToken.New()).ToList();

        Assert.Equal(100, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.True(SecretToken.LooksValid(t), t));
        Assert.All(tokens, t => Assert.Matches("^[0-9a-f]{64}$", SecretToken.Hash(t)));
        Assert.Equal(SecretToken.Hash(tokens[0]), SecretToken.Hash(tokens[0]));
        Assert.NotEqual(SecretToken.Hash(tokens[0]), SecretToken.Hash(tokens[1]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData(null)]
    public void Strings_that_cannot_be_tokens_are_not_looked_up(string? candidate) =>
        Assert.False(SecretToken.LooksValid(candidate));

    private static Invitation New() =>
        new(Guid.NewGuid(), "anna@uppsala.se", Guid.NewGuid(), "MunicipalityRepresentative", Guid.NewGuid(), Sent, Sent + Invitation.Lifetime, null, null);
}
