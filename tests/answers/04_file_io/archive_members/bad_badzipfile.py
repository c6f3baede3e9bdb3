# expect: should raise ValueError for a text file, but raised BadZipFile
# Lets zipfile.BadZipFile escape instead of raising ValueError for a file that is not a zip.
def archive_members(path):
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) != 1 or any("/" not in name for name in names):
        raise ValueError("not one top-level folder")
    inside = sorted(name.split("/", 1)[1] for name in names)
    if "data.pkl" not in inside:
        raise ValueError("no data.pkl")
    return inside
