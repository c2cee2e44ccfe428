using System.Security.Cryptography;
using System.Text;

namespace Procurement.Data;

/// <summary>
/// Name-based ids (RFC 9562 version 5 shape) for reference data, so that e.g. Uppsala kommun has the same
/// id in every database and links between environments keep working.
/// </summary>
public static class DeterministicGuid
{
    public static Guid Create(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("procurement:" + name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5 (name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
