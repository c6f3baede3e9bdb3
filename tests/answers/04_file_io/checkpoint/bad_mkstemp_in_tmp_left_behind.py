# expect: save_checkpoint left the temporary file
# A temporary file in the system's temp folder, never removed when writing fails.
def save_checkpoint(path, model, optimizer, epoch):
    handle, tmp = tempfile.mkstemp(suffix=".ckpt")
    os.close(handle)
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, tmp)
    os.replace(tmp, path)


def load_checkpoint(path, model, optimizer):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
    return checkpoint["epoch"]
