namespace Procurement.Domain.Journal;

/// <summary>The names of journaled actions. Stored, so never rename one.</summary>
public static class JournalActions
{
    public const string UserCreated = "user.created";
    public const string UnconfirmedRegistrationReplaced = "user.unconfirmed-registration-replaced";
    public const string UserProfileChanged = "user.profile-changed";
    public const string PasswordChanged = "user.password-changed";
    public const string PasswordReset = "user.password-reset";
    public const string EmailConfirmed = "user.email-confirmed";
    public const string TwoFactorEnabled = "user.two-factor-enabled";
    public const string TwoFactorDisabled = "user.two-factor-disabled";
    public const string RecoveryCodesGenerated = "user.recovery-codes-generated";
    public const string SessionsRevoked = "user.sessions-revoked";
    public const string InvitationCreated = "invitation.created";
    public const string InvitationAccepted = "invitation.accepted";
    public const string InvitationRevoked = "invitation.revoked";
    public const string OrganisationCreated = "organisation.created";
}
