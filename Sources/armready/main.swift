print("armready")
