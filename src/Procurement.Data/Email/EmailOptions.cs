namespace Procurement.Data.Email;

public enum EmailDelivery
{
    /// <summary>Writes each message as an .eml file into <see cref="EmailOptions.PickupDirectory"/> (development).</summary>
    Pickup,

    /// <summary>Sends over SMTP with the <see cref="EmailOptions.Smtp"/> settings.</summary>
    Smtp,
}

/// <summary>Bound from the <c>Email</c> section.</summary>
public sealed class EmailOptions
{
    public EmailDelivery Delivery { get; set; } = EmailDelivery.Pickup;

    /// <summary>Relative paths resolve like the database file's (<see cref="DataPaths"/>).</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public string FromAddress { get; set; } = "noreply@procurement.invalid";

    public string FromName { get; set; } = "Samupphandling";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 587;

    /// <summary>StartTls (default), SslOnConnect or None.</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
