namespace Procurement.Web.Infrastructure;

/// <summary>
/// Absolute links for e-mail. Set <c>App:PublicBaseUrl</c> in production: a link built from the request's
/// Host header could be pointed elsewhere by whoever sends the request (password-reset poisoning).
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, IHttpContextAccessor accessor)
{
    public string Absolute(string pathAndQuery)
    {
        var configured = configuration["App:PublicBaseUrl"];
        var request = accessor.HttpContext?.Request;
        var baseUrl = !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : request is not null
                ? $"{request.Scheme}://{request.Host}{request.PathBase}"
                : throw new InvalidOperationException("App:PublicBaseUrl saknas.");
        return baseUrl + pathAndQuery;
    }
}
