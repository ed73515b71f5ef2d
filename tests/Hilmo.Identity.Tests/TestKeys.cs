using System.Security.Cryptography;

namespace Hilmo.Identity.Tests;

internal static class TestKeys
{
    public static MasterKey Random(int version = 1) => WithVersions((version, RandomNumberGenerator.GetBytes(MasterKey.KeyLength)));

    public static MasterKey WithVersions(params (int Version, byte[] Material)[] versions) =>
        new(versions.Select(v => new KeyValuePair<int, byte[]>(v.Version, v.Material)));

    public static byte[] MaterialOf(MasterKey key, int version = 1) => key.Material(version).ToArray();
}
