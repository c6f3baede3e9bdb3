# expect: data.pkl sits one folder too deep, but it returned
# Accepts a data.pkl at any depth, not only directly in the top-level folder.
def archive_members(path):
    if not zipfile.is_zipfile(path):
        raise ValueError("not a zip archive")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) != 1 or any("/" not in name for name in names):
        raise ValueError("not one top-level folder")
    if not any(name.endswith("data.pkl") for name in names):
        raise ValueError("no data.pkl")
    return sorted(name.split("/", 1)[1] for name in names)
