using System.Text;

namespace Hilmo.Tests.Codes;

/// <summary>A code folder of its own for one test, deleted afterwards.</summary>
internal sealed class TemporaryCodeFolder : IDisposable
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    public string Path { get; } = Directory.CreateTempSubdirectory("hilmo-codes-").FullName;

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark, line ends as given.</summary>
    public string Write(string fileName, string text) => WriteBytes(fileName, Utf8WithoutBom.GetBytes(text));

    public string WriteBytes(string fileName, byte[] bytes)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllBytes(file, bytes);
        return file;
    }

    public string Copy(string source, string? fileName = null)
    {
        var file = System.IO.Path.Combine(Path, fileName ?? System.IO.Path.GetFileName(source));
        File.Copy(source, file);
        return file;
    }

    /// <summary>Copies every shipped list except <paramref name="replaced"/>, as a folder where an export stands in for it.</summary>
    public void CopyShippedListsExcept(string replaced)
    {
        foreach (var file in Directory.EnumerateFiles(CodeFolders.Shipped))
        {
            if (System.IO.Path.GetFileName(file) != replaced)
            {
                Copy(file);
            }
        }
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
