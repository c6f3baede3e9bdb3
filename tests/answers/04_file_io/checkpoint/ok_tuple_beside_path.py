def save_checkpoint(path, model, optimizer, epoch):
    tmp = str(path) + ".part"
    try:
        torch.save((model.state_dict(), optimizer.state_dict(), epoch), tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def load_checkpoint(path, model, optimizer):
    model_state, optimizer_state, epoch = torch.load(path, weights_only=True)
    model.load_state_dict(model_state)
    optimizer.load_state_dict(optimizer_state)
    return epoch
