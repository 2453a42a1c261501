using Xunit;

namespace Botify.TestSupport;

/// <summary>A fact that mounts a real tmpfs; skipped, saying why, where this process may not mount one.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (!Tmpfs.CanMount) Skip = Tmpfs.WhyNot;
    }
}
