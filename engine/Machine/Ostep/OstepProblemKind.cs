namespace VmQuest.Engine.Machine.Ostep;

/// <summary>Which OSTEP homework simulator printed a problem.</summary>
public enum OstepProblemKind
{
    /// <summary><c>paging-linear-translate.py</c> (chapter 18): one linear table of 32-bit entries.</summary>
    Linear,

    /// <summary><c>paging-multilevel-translate.py</c> (chapter 20): a two-level table in a 4 KiB memory dump.</summary>
    Multilevel,
}
