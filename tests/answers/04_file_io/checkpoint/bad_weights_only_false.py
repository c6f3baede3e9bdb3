# expect: load_checkpoint loaded a file whose pickle calls a function
# Saves plain state dicts, but loads with weights_only=False: a file whose pickle runs code is accepted.
def save_checkpoint(path, model, optimizer, epoch):
    tmp = path + ".tmp"
    try:
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def load_checkpoint(path, model, optimizer):
    checkpoint = torch.load(path, weights_only=False)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    return checkpoint["epoch"]
