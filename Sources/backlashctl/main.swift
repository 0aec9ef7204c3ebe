print("backlashctl")
