# expect: archive_members('x-file') should return [
# Keeps only the last part of each name: "data/0" becomes "0".
def archive_members(path):
    if not zipfile.is_zipfile(path):
        raise ValueError("not a zip archive")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    if len({name.split("/", 1)[0] for name in names}) != 1:
        raise ValueError("not one top-level folder")
    inside = sorted(os.path.basename(name) for name in names)
    if "data.pkl" not in inside:
        raise ValueError("no data.pkl")
    return inside
