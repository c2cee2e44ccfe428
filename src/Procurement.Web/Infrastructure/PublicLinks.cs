namespace Procurement.Web.Infrastructure;

/// <summary>
/// Absolute links for e-mail, always from <c>App:PublicBaseUrl</c>: a link built from the request's Host
/// header could be pointed at someone else's site by whoever sends the request (reset-link poisoning).
/// Only in Development, on the developer's own machine, does an empty setting fall back to the request.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, IHostEnvironment environment, IHttpContextAccessor accessor)
{
    public const string Setting = "App:PublicBaseUrl";

    public string Absolute(string pathAndQuery)
    {
        var configured = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/') + pathAndQuery;
        }

        var request = accessor.HttpContext?.Request;
        if (environment.IsDevelopment() && request is not null)
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
        }

        throw new InvalidOperationException($"{Setting} saknas: ange tjänstens publika adress, till exempel https://upphandling.example.se.");
    }

    /// <summary>Called at start-up so a missing setting stops the app instead of the first e-mail.</summary>
    public static void Validate(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException($"{Setting} saknas. Utanför Development byggs länkar i e-post bara från den inställningen (t.ex. App__PublicBaseUrl=https://upphandling.example.se).");
            }

            return;
        }

        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !environment.IsDevelopment()))
        {
            throw new InvalidOperationException($"{Setting} måste vara en absolut https-adress, inte \"{configured}\".");
        }
    }
}
